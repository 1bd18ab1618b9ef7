import { Link } from "@/components/Link";
import { Layout } from "@/components/Layout";

export default function NotFoundPage() {
  return (
    <Layout title="Not found" description="This page does not exist.">
      <section className="error-state">
        <h1>Page not found</h1>
        <p>
          It may have been removed, or the link is wrong. <Link href="/">Back to the feed</Link>.
        </p>
      </section>
    </Layout>
  );
}
