import { Link } from "@/components/Link";
import type { ReactNode } from "react";
import { ErrorState } from "@/components/ErrorState";
import { Layout } from "@/components/Layout";
import type { ErrorBody } from "@/lib/errors";
import styles from "./admin.module.css";

const SECTIONS = [
  { href: "/admin", label: "Health" },
  { href: "/admin/flags", label: "Feature flags" },
  { href: "/admin/slow-queries", label: "Slow queries" },
  { href: "/admin/cache", label: "Cache" },
] as const;

type AdminSection = (typeof SECTIONS)[number]["href"];

interface AdminLayoutProps {
  title: string;
  current: AdminSection;
  /** A load that failed (the database down, say): shown in place of the section. */
  error?: ErrorBody["error"];
  children?: ReactNode;
}

/** Every console page: the sections, one heading, and what the section says. */
export function AdminLayout({ title, current, error, children }: AdminLayoutProps) {
  return (
    <Layout title={`${title} · Admin`} description="Operations console: health, feature flags, slow queries, cache.">
      <nav aria-label="Admin console" className={styles.sections}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.href}>
              <Link href={section.href} aria-current={section.href === current ? "page" : undefined}>
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {error ? <ErrorState error={error} /> : <h1>{title}</h1>}
      {!error && children}
    </Layout>
  );
}
