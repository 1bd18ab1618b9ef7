import dynamic from "next/dynamic";
import Head from "next/head";
import { Link } from "@/components/Link";
import type { ReactNode } from "react";

// Who is signed in is known only in the browser: pages stay the same HTML for every visitor
// (the CDN can keep them), and the account area fills its reserved slot once loaded
// (docs/decisions/0097-viewer-ui-renders-on-the-client.md).
const AccountMenu = dynamic(() => import("./account/AccountMenu"), { ssr: false });

export function Layout({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const fullTitle = title === "Scale Starter" ? title : `${title} · Scale Starter`;
  return (
    <>
      <Head>
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
      </Head>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <nav aria-label="Main" className="container nav">
          <Link href="/" className="brand">
            Scale Starter
          </Link>
          <div className="nav-end">
            <ul>
              <li>
                <Link href="/">Feed</Link>
              </li>
              <li>
                <Link href="/search">Search</Link>
              </li>
            </ul>
            <div className="account-slot">
              <AccountMenu />
            </div>
          </div>
        </nav>
      </header>
      <main id="main" className="container">
        {children}
      </main>
      <footer className="site-footer container">
        <p>From 10 to 100 users without blowing up: a measured Next.js starter.</p>
      </footer>
    </>
  );
}
