// The floor: a bare Express 5 handler answering the same JSON from memory.
import express from 'express';

const body = JSON.parse(process.env.BENCH_BODY);
const app = express();
app.get('/catalog/spus/:spuId', (_req, res) => res.json(body));
const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
