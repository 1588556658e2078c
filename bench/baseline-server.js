'use strict';
/**
 * The ceiling of any Node HTTP server on this machine: bare Fastify answering a fixed JSON body of
 * BODY_BYTES bytes (the size of the API's cached workflow answer), no plugins, no logging.
 * Started by bench/run.ts on the same core as the API, in the same run.
 */
const fastify = require('fastify')({ logger: false });

const target = Number(process.env.BODY_BYTES || 400);
const shell = { payload: { id: '1', pad: '' }, message: 'Success', is_error: false };
shell.payload.pad = 'x'.repeat(Math.max(0, target - JSON.stringify(shell).length));
const body = JSON.stringify(shell);

fastify.get('/', (_request, reply) => {
  reply.header('content-type', 'application/json; charset=utf-8').send(body);
});

fastify.listen({ port: Number(process.env.PORT || 3999), host: '127.0.0.1' }).then(() => {
  process.stdout.write(`baseline listening (${Buffer.byteLength(body)} bytes)\n`);
});
