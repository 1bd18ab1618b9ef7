// Password lengths, shared by the server's auth configuration and the forms' own checks, so
// that the browser refuses exactly what the server would.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
