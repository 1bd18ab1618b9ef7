import type { InferGetServerSidePropsType } from "next";
import { AdminLayout } from "@/components/admin/AdminLayout";
import styles from "@/components/admin/admin.module.css";
import { getActor } from "@/lib/auth/session";
import { formatDateTime, formatNumber } from "@/lib/format";
import { loadPage } from "@/lib/page-props";
import { getServices } from "@/server/services";

export const getServerSideProps = loadPage(async ({ req, res }) => getServices().admin.cache(await getActor(req, res)));

const ratio = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)} %`);

export default function AdminCachePage({ data, error }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  if (!data) return <AdminLayout title="Cache" current="/admin/cache" error={error} />;
  const rows = [...data.families, data.total];
  return (
    <AdminLayout title="Cache" current="/admin/cache">
      <p>
        <strong>These figures are this instance&apos;s only</strong>, counted in its memory since{" "}
        <time dateTime={data.since}>{formatDateTime(data.since)}</time>: on Vercel every function instance counts its
        own reads, and a new deploy starts from zero. Reload to see another instance&apos;s, or compare the trend.
      </p>
      {data.store === "disabled" ? (
        <p role="status">
          The app cache is switched off by the environment (docs/operations.md): every read goes to the database.
        </p>
      ) : data.families.length === 0 ? (
        <p className={styles.note}>No cached read yet on this instance.</p>
      ) : (
        <table className={styles.table}>
          <caption>Reads per key family, busiest first</caption>
          <thead>
            <tr>
              <th scope="col">Key family</th>
              <th scope="col" className={styles.number}>
                Hits
              </th>
              <th scope="col" className={styles.number}>
                Misses
              </th>
              <th scope="col" className={styles.number}>
                Errors
              </th>
              <th scope="col" className={styles.number}>
                Timeouts
              </th>
              <th scope="col" className={styles.number}>
                Hit ratio
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.family}>
                <th scope="row">{row === data.total ? "All families" : <code>{row.family}</code>}</th>
                <td className={styles.number}>{formatNumber(row.hits)}</td>
                <td className={styles.number}>{formatNumber(row.misses)}</td>
                <td className={row.errors > 0 ? `${styles.number} ${styles.failing}` : styles.number}>
                  {formatNumber(row.errors)}
                </td>
                <td className={row.timeouts > 0 ? `${styles.number} ${styles.failing}` : styles.number}>
                  {formatNumber(row.timeouts)}
                </td>
                <td className={styles.number}>{ratio(row.hitRatio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className={styles.note}>
        A hit is served from the store; a miss (absent, expired or invalidated by a write) runs the query and stores the
        answer. Errors and timeouts are reads the store failed, served from the database: a rising count is the store in
        trouble (check Health). The hit ratio counts every read.
      </p>
    </AdminLayout>
  );
}
