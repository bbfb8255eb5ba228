// The floor: a bare Express 5 handler answering the same JSON from memory.
import express from 'express';

const body = JSON.parse(process.env.BENCH_BODY);
const app = express();
app.get('/catalog/spus/:spuId', (_req, res) => res.json(body));
// The checkout bench posts a JSON body: parse it as the full stack does, then answer the same JSON.
app.post('/me/checkout/preview', express.json(), (_req, res) => res.json(body));
const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
