// The token secret shared by the full-stack server and the benches that mint its tokens (32+ characters, decision 0022).
export const BENCH_SECRET = 'bench-secret-0123456789-abcdefghij';
