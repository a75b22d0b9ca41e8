// English strings: errors the browser itself finds while calling the dashboard's API.
export const enClientErrors = {
  'api.unexpectedAnswer': 'Unexpected answer from the server for {path}: {detail}',
  'api.notJson': 'not JSON (a proxy page or another server?)',
  'api.network': 'The dashboard server did not answer ({path}); check that it is running and reachable.',
};
