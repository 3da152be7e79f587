/** P1/P2 reference: a handler that imports nothing (the baseline of module init). */
export const handler = async () => ({ statusCode: 200, body: '{}' });
