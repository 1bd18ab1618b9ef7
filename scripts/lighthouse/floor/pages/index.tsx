// The floor of the Lighthouse run: the smallest page Next.js serves, with nothing of the app.
// What it costs the main thread is what this machine charges any page for React and Next's
// runtime (docs/decisions/0115-lighthouse-measures-the-page-not-the-host.md).
export default function Floor() {
  return (
    <main>
      <h1>Floor</h1>
      <p>The smallest page Next.js serves: React, Next&apos;s runtime and two elements.</p>
    </main>
  );
}
