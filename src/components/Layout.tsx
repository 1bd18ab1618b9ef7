import Head from "next/head";
import Link from "next/link";
import type { ReactNode } from "react";

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
          <ul>
            <li>
              <Link href="/">Feed</Link>
            </li>
            <li>
              <Link href="/search">Search</Link>
            </li>
          </ul>
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
