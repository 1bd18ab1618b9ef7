import dynamic from "next/dynamic";
import { Layout } from "@/components/Layout";

// A static shell: the settings are the viewer's own, so they are read in the browser, from the
// session, and nothing about the viewer is in the page's HTML.
const SettingsPanels = dynamic(() => import("@/components/account/settings/SettingsPanels"), {
  ssr: false,
  loading: () => <p aria-busy="true">Loading your settings…</p>,
});

export default function SettingsPage() {
  return (
    <Layout title="Settings" description="Your name, your password, your signed-in devices and your account.">
      <section className="account settings">
        <h1>Settings</h1>
        <SettingsPanels />
      </section>
    </Layout>
  );
}
