import styles from "./admin.module.css";

/**
 * A plain form: it works without JavaScript, and the browser's own POST is the whole client.
 * The route answers 303 back to the flags page, which then shows the new state and its line
 * in the audit trail.
 */
export function FlagSwitch({ flagKey, enabled }: { flagKey: string; enabled: boolean }) {
  const action = enabled ? "Turn off" : "Turn on";
  return (
    <form method="post" action="/api/admin/flags" className={styles.switch}>
      <input type="hidden" name="key" value={flagKey} />
      <input type="hidden" name="enabled" value={String(!enabled)} />
      <button type="submit" className={enabled ? styles.turnOff : undefined}>
        {action}
        <span className={styles.visuallyHidden}> {flagKey}</span>
      </button>
    </form>
  );
}
