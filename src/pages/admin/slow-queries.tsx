import type { InferGetServerSidePropsType } from "next";
import { AdminLayout } from "@/components/admin/AdminLayout";
import styles from "@/components/admin/admin.module.css";
import { getActor } from "@/lib/auth/session";
import { loadPage } from "@/lib/page-props";
import { getServices } from "@/server/services";
import { formatNumber } from "@/lib/format";

export const getServerSideProps = loadPage(async ({ req, res }) =>
  getServices().admin.slowQueries(await getActor(req, res)),
);

export default function AdminSlowQueriesPage({ data, error }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  if (!data) return <AdminLayout title="Slow queries" current="/admin/slow-queries" error={error} />;
  if (data.kind === "missing") {
    return (
      <AdminLayout title="Slow queries" current="/admin/slow-queries">
        <p role="status">
          <strong>pg_stat_statements is not enabled</strong>, so there are no statement statistics to show.
        </p>
        <p>{data.help.why}</p>
        <h2>Enable it once</h2>
        {data.help.places.map((place) => (
          <section key={place.where}>
            <h3>{place.where}</h3>
            <ol className={styles.steps}>
              {place.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </section>
        ))}
        <p>Then let the app serve some traffic and reload this page.</p>
      </AdminLayout>
    );
  }
  return (
    <AdminLayout title="Slow queries" current="/admin/slow-queries">
      <p>
        The statements of database <code>{data.database}</code> with the highest mean execution time, from
        pg_stat_statements (the same reading as <code>npm run db:slow-queries</code>).
      </p>
      {data.queries.length === 0 ? (
        <p className={styles.note}>No statements recorded yet: use the app, then reload this page.</p>
      ) : (
        <table className={styles.table}>
          <caption>Top {data.queries.length} statements by mean time</caption>
          <thead>
            <tr>
              <th scope="col" className={styles.number}>
                Mean ms
              </th>
              <th scope="col" className={styles.number}>
                Calls
              </th>
              <th scope="col" className={styles.number}>
                Total ms
              </th>
              <th scope="col" className={styles.number}>
                % of time
              </th>
              <th scope="col">Statement</th>
            </tr>
          </thead>
          <tbody>
            {data.queries.map((query) => (
              <tr key={query.query}>
                <td className={styles.number}>{formatNumber(query.meanMs, 2)}</td>
                <td className={styles.number}>{formatNumber(query.calls)}</td>
                <td className={styles.number}>{formatNumber(query.totalMs, 1)}</td>
                <td className={styles.number}>{query.percentOfTotal.toFixed(1)}</td>
                <td className={styles.query}>{query.query}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className={styles.note}>
        Statistics accumulate since the last reset, server-wide: <code>SELECT pg_stat_statements_reset();</code> starts
        afresh. A statement with a high mean wants an index or a smaller result (docs/performance.md); one with a high
        total is where the database spends its time.
      </p>
    </AdminLayout>
  );
}
