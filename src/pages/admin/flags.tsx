import type { InferGetServerSidePropsType } from "next";
import { AdminLayout } from "@/components/admin/AdminLayout";
import styles from "@/components/admin/admin.module.css";
import { FlagSwitch } from "@/components/admin/FlagSwitch";
import { getActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { loadPage } from "@/lib/page-props";
import type { FlagChange } from "@/modules/config/config.types";
import type { Serialized } from "@/lib/serialize";
import { getServices } from "@/server/services";

export const getServerSideProps = loadPage(async ({ req, res }) => getServices().admin.flags(await getActor(req, res)));

function changedBy(change: Serialized<FlagChange>): string {
  if (change.source === "command_line") return "the command line (npm run flags:set)";
  if (change.source === "seed") return "the demo data seed";
  return change.user ? `${change.user.name} <${change.user.email}>` : "a deleted account";
}

export default function AdminFlagsPage({ data, error }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  if (!data) return <AdminLayout title="Feature flags" current="/admin/flags" error={error} />;
  return (
    <AdminLayout title="Feature flags" current="/admin/flags">
      <p>
        A switch applies to every instance at its next request: the shared cache entry is invalidated. A page kept by
        the CDN (search, lists) shows the change within its Cache-Control lifetime, a few minutes at most.
      </p>
      {data.flags.length === 0 ? (
        <p className={styles.note}>No flags yet: a flag exists once something switches it (npm run flags:set).</p>
      ) : (
        <table className={styles.table}>
          <caption>Flags</caption>
          <thead>
            <tr>
              <th scope="col">Flag</th>
              <th scope="col">What it does</th>
              <th scope="col">State</th>
              <th scope="col">Switch</th>
            </tr>
          </thead>
          <tbody>
            {data.flags.map((flag) => (
              <tr key={flag.key}>
                <th scope="row">
                  <code>{flag.key}</code>
                </th>
                <td>{flag.description || "—"}</td>
                <td className={flag.enabled ? styles.ok : undefined}>{flag.enabled ? "on" : "off"}</td>
                <td>
                  <FlagSwitch flagKey={flag.key} enabled={flag.enabled} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Audit trail</h2>
      {data.changes.length === 0 ? (
        <p className={styles.note}>No flag has been switched yet.</p>
      ) : (
        <table className={styles.table}>
          <caption>The latest {data.changes.length} switches, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Flag</th>
              <th scope="col">Set to</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {data.changes.map((change) => (
              <tr key={change.id}>
                <td>
                  <time dateTime={change.changedAt}>{formatDateTime(change.changedAt)}</time>
                </td>
                <td>
                  <code>{change.flagKey}</code>
                </td>
                <td>{change.enabled ? "on" : "off"}</td>
                <td>{changedBy(change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}
