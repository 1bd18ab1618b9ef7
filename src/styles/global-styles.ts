// The whole stylesheet of the site (about 9 KB, 2.5 KB compressed), inlined in the <head> of every page by
// src/pages/_document.tsx. As a file it was fetched beside the scripts and arrived with them, so
// the first paint waited for the scripts to run: the largest text painted after them, which
// Lighthouse counts against LCP (docs/performance.md, "What keeps the pages inside their budgets").
// Styles inline are allowed by the CSP (`style-src 'unsafe-inline'`, decision 0060).
export const GLOBAL_STYLES = /* css */ `
:root {
  --text: #111827;
  --muted: #4b5563;
  --link: #1d4ed8;
  --border: #e5e7eb;
  --surface: #f9fafb;
  --error: #b91c1c;
  font-family:
    system-ui,
    -apple-system,
    "Segoe UI",
    Roboto,
    sans-serif;
  line-height: 1.5;
  color: var(--text);
  background: #fff;
}

*,
*::before,
*::after {
  box-sizing: border-box;
}

body {
  margin: 0;
}

/* The page fills the window, so the unverified-email notice (after it) starts at the bottom. */
body:has(> .unverified-notice) {
  display: flex;
  flex-direction: column;
  min-height: 100vh;
}

body:has(> .unverified-notice) > #__next {
  flex: 1 0 auto;
}

a {
  color: var(--link);
}

.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0, 0, 0, 0);
  white-space: nowrap;
  border: 0;
}

a:focus-visible,
button:focus-visible,
input:focus-visible,
[tabindex="-1"]:focus-visible {
  outline: 3px solid var(--link);
  outline-offset: 2px;
}

.container {
  max-width: 46rem;
  margin: 0 auto;
  padding: 0 1rem;
}

.skip-link {
  position: absolute;
  left: -999px;
}

.skip-link:focus {
  left: 1rem;
  top: 1rem;
  background: #fff;
  padding: 0.5rem;
}

.site-header {
  border-bottom: 1px solid var(--border);
  background: var(--surface);
}

.nav {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0 0.75rem;
  min-height: 3.5rem;
}

.nav ul {
  display: flex;
  align-items: center;
  gap: 0.75rem;
  list-style: none;
  margin: 0;
  padding: 0;
}

.nav-end {
  display: flex;
  align-items: center;
  gap: 0.75rem;
}

/* The account area is filled in the browser; its fixed size keeps the header still meanwhile. */
.account-slot {
  display: flex;
  align-items: center;
  justify-content: flex-end;
  width: 10rem;
  min-height: 2.5rem;
  white-space: nowrap;
}

@media (max-width: 30rem) {
  .nav {
    padding-bottom: 0.25rem;
  }

  .nav-end {
    width: 100%;
    justify-content: space-between;
  }
}

.brand {
  font-weight: 700;
  text-decoration: none;
  color: var(--text);
}

h1 {
  font-size: 1.75rem;
  line-height: 1.2;
  margin: 1.5rem 0 1rem;
}

.post-list,
.comment-list {
  list-style: none;
  margin: 0;
  padding: 0;
}

.post-card {
  padding: 0.75rem 0;
  border-bottom: 1px solid var(--border);
}

.post-card h2 {
  font-size: 1.125rem;
  margin: 0 0 0.25rem;
}

.meta {
  color: var(--muted);
  font-size: 0.9rem;
  margin: 0.25rem 0;
}

.post-body {
  white-space: pre-line;
}

.comments h2 {
  font-size: 1.25rem;
  margin-top: 2rem;
}

.comment-list li {
  padding: 0.5rem 0;
  border-top: 1px solid var(--border);
}

.pagination {
  display: grid;
  grid-template-columns: 1fr auto 1fr;
  align-items: center;
  gap: 1rem;
  padding: 1.5rem 0;
}

.pagination a[rel="next"] {
  justify-self: end;
}

.pagination a {
  padding: 0.5rem 0.25rem;
}

.search-form {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5rem;
  margin-bottom: 1rem;
}

.search-form input {
  flex: 1 1 14rem;
}

.search-form input,
.field input {
  font: inherit;
  padding: 0.5rem;
  border: 1px solid var(--muted);
  border-radius: 4px;
}

.search-form button,
.button {
  font: inherit;
  padding: 0.5rem 1rem;
  border: 0;
  border-radius: 4px;
  background: var(--link);
  color: #fff;
  cursor: pointer;
}

.field-error {
  color: var(--error);
}

.empty {
  color: var(--muted);
}

.site-footer {
  color: var(--muted);
  font-size: 0.875rem;
  padding-top: 2rem;
  padding-bottom: 2rem;
}

.avatar {
  border-radius: 50%;
  flex: none;
}

.profile {
  display: flex;
  align-items: center;
  gap: 1rem;
  margin: 1.5rem 0 1rem;
}

.profile h1 {
  margin: 0;
}

.byline {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.4rem;
}

/* Account pages and the header's account menu */

.button-danger {
  background: var(--error);
}

.button-link {
  font: inherit;
  padding: 0;
  border: 0;
  background: none;
  color: var(--link);
  text-decoration: underline;
  cursor: pointer;
}

.button:disabled,
.button-link:disabled {
  opacity: 0.6;
  cursor: not-allowed;
}

.button-outline {
  padding: 0.2rem 0.5rem;
  border: 1px solid var(--link);
  border-radius: 4px;
  text-decoration: none;
}

.account {
  max-width: 28rem;
}

.field {
  margin-bottom: 1rem;
}

.field label {
  display: block;
  font-weight: 600;
  margin-bottom: 0.25rem;
}

.field input {
  width: 100%;
}

.field-hint {
  margin: 0.25rem 0 0;
  color: var(--muted);
  font-size: 0.9rem;
}

.check {
  display: flex;
  align-items: center;
  gap: 0.5rem;
  margin-bottom: 1rem;
}

.form-actions {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.75rem 1rem;
}

/* Room for a two-line message, kept empty until one comes, so that nothing below moves. */
.form-messages {
  min-height: 3rem;
  margin: 0.5rem 0;
}

.form-messages p {
  margin: 0;
}

.alternative {
  margin: 1rem 0 0;
}

.token-panel {
  min-height: 14rem;
}

.result-heading {
  font-size: 1.25rem;
}

.settings-section {
  border-top: 1px solid var(--border);
  padding: 1rem 0;
}

.settings-section h2 {
  font-size: 1.25rem;
  margin: 0 0 0.75rem;
}

.settings-section h3 {
  font-size: 1.1rem;
}

.danger-zone h2 {
  color: var(--error);
}

.session-list {
  list-style: none;
  margin: 0 0 1rem;
  padding: 0;
}

.session-list li {
  display: flex;
  flex-wrap: wrap;
  justify-content: space-between;
  align-items: center;
  gap: 0.25rem 1rem;
  padding: 0.5rem 0;
  border-bottom: 1px solid var(--border);
}

.badge {
  white-space: nowrap;
  margin-left: 0.5rem;
  padding: 0.1rem 0.45rem;
  border-radius: 999px;
  background: #dbeafe;
  color: #1e3a8a;
  font-size: 0.8rem;
}

.account-menu {
  position: relative;
}

.account-button {
  display: flex;
  align-items: center;
  max-width: 10rem;
  font: inherit;
  padding: 0.2rem 0.5rem;
  border: 1px solid var(--border);
  border-radius: 4px;
  background: #fff;
  color: var(--text);
  cursor: pointer;
}

.account-name {
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
}

.nav .account-menu-list {
  position: absolute;
  right: 0;
  top: calc(100% + 0.25rem);
  z-index: 10;
  display: block;
  min-width: 11rem;
  padding: 0.25rem 0;
  background: #fff;
  border: 1px solid var(--border);
  border-radius: 4px;
  box-shadow: 0 4px 12px rgb(0 0 0 / 8%);
}

.nav .account-menu-list[hidden] {
  display: none;
}

.account-menu-list a,
.account-menu-list button {
  display: block;
  width: 100%;
  padding: 0.5rem 0.75rem;
  font: inherit;
  text-align: left;
  text-decoration: none;
  color: var(--link);
  background: none;
  border: 0;
  cursor: pointer;
}

.account-menu-list a:hover,
.account-menu-list button:hover {
  background: var(--surface);
}

/* In the flow at the end of the page (so it covers nothing once scrolled to), kept in view meanwhile. */
.unverified-notice {
  position: sticky;
  bottom: 0;
  padding: 0.5rem 0;
  background: #fffbeb;
  border-top: 1px solid #d97706;
  font-size: 0.9rem;
}

.unverified-notice .container {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.25rem 1rem;
}

.unverified-notice p {
  margin: 0;
}

.unverified-notice .form-messages {
  min-height: 0;
  margin: 0;
}

/* Write pages and a post's viewer tools (filled in the browser, in reserved space) */

.write {
  max-width: 42rem;
}

/* The height of the post form, held while the session and the post load. */
.write-panel {
  min-height: 34rem;
}

.post-form fieldset {
  min-width: 0;
  margin: 0;
  padding: 0;
  border: 0;
}

.post-form input,
.field textarea {
  width: 100%;
  font: inherit;
  padding: 0.5rem;
  border: 1px solid var(--muted);
  border-radius: 4px;
}

.field textarea {
  resize: vertical;
}

[aria-invalid="true"] {
  border-color: var(--error);
  outline: 1px solid var(--error);
}

.write-blocked {
  padding: 0.75rem 1rem;
  background: #fffbeb;
  border: 1px solid #d97706;
  border-radius: 4px;
}

/* Under the post, a row of the small buttons' height, kept for every visitor. */
.post-tools {
  min-height: 2rem;
}

/* A comment keeps a column for its delete button, empty for most visitors, so it moves nothing. */
.comment {
  display: grid;
  grid-template-columns: minmax(0, 1fr) auto;
  gap: 0 0.5rem;
}

.comment-tools {
  min-width: 4.5rem;
  max-width: 12rem;
  padding-top: 0.25rem;
}

.owner-tools {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: flex-end;
  gap: 0.25rem 0.5rem;
}

.post-tools .owner-tools {
  justify-content: flex-start;
}

.delete-control {
  display: inline-flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.25rem 0.5rem;
}

.button-small {
  font: inherit;
  font-size: 0.875rem;
  line-height: 1.2;
  padding: 0.2rem 0.5rem;
  border: 1px solid var(--link);
  border-radius: 4px;
  background: #fff;
  color: var(--link);
  text-decoration: none;
  cursor: pointer;
}

.button-small.button-danger {
  border-color: var(--error);
  background: var(--error);
  color: #fff;
}

/* The height of the comment form, held for every visitor: signed out, it holds a sign-in link. */
.comment-slot {
  min-height: 16rem;
}

.comment-form .field {
  margin-bottom: 0.5rem;
}
`;
