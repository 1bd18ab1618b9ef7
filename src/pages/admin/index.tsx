import type { InferGetServerSidePropsType } from "next";
import { AdminLayout } from "@/components/admin/AdminLayout";
import styles from "@/components/admin/admin.module.css";
import { getActor } from "@/lib/auth/session";
import { formatDuration } from "@/lib/format";
import { loadPage } from "@/lib/page-props";
import { getServices } from "@/server/services";

// Never cached (loadPage's default, private, no-store): it is per request and admins only.
export const getServerSideProps = loadPage(async ({ req, res }) =>
  getServices().admin.health(await getActor(req, res)),
);

const STORE_LABELS = {
  upstash: "Upstash Redis (shared)",
  memory: "in process (this instance only)",
  disabled: "disabled",
};

function Reachable({ ok }: { ok: boolean }) {
  return <span className={ok ? styles.ok : styles.failing}>{ok ? "reachable" : "NOT reachable"}</span>;
}

export default function AdminHealthPage({ data, error }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  if (!data) return <AdminLayout title="Health" current="/admin" error={error} />;
  const { report, database, cache, release } = data;
  const statusClass = report.status === "ok" ? styles.ok : styles.failing;
  return (
    <AdminLayout title="Health" current="/admin">
      <p className={styles.status}>
        Overall: <span className={statusClass}>{report.status}</span>{" "}
        <span className={styles.note}>(what GET /api/health answers the uptime monitor)</span>
      </p>
      <table className={styles.table}>
        <caption>Checks</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Status</th>
            <th scope="col" className={styles.number}>
              Time
            </th>
            <th scope="col">If it fails</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.checks).map(([name, check]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className={check.status === "ok" ? styles.ok : styles.failing}>
                {check.status}
                {check.problem ? ` (${check.problem})` : ""}
              </td>
              <td className={styles.number}>{check.durationMs} ms</td>
              <td>{check.critical ? "the app is down (503)" : "degraded: served from the database"}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Database</h2>
      <dl className={styles.facts}>
        <dt>Connection</dt>
        <dd>
          <Reachable ok={database.reachable} />, round trip {database.roundTripMs} ms
        </dd>
        <dt>Connection pool</dt>
        <dd>
          {database.pool
            ? `${database.pool.inUse} in use, ${database.pool.idle} idle, ${database.pool.waiting} waiting (at most ${database.pool.max} on this instance)`
            : "not measured for this client"}
        </dd>
      </dl>

      <h2>Cache</h2>
      <dl className={styles.facts}>
        <dt>Store</dt>
        <dd>{STORE_LABELS[cache.store]}</dd>
        <dt>Connection</dt>
        <dd>
          <Reachable ok={cache.reachable} />, latency {cache.latencyMs} ms
        </dd>
      </dl>

      <h2>This instance</h2>
      <dl className={styles.facts}>
        <dt>Release</dt>
        <dd>
          {release.version}
          {release.commit ? `, commit ${release.commit.slice(0, 12)}` : ", commit unknown"}
        </dd>
        <dt>Uptime</dt>
        <dd>{formatDuration(data.uptimeSeconds)}</dd>
      </dl>
      <p className={styles.note}>
        Pool counts and uptime are this instance&apos;s: on Vercel, each function instance has its own.
      </p>
    </AdminLayout>
  );
}
