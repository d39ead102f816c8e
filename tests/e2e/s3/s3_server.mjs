// Starts s3rver on 127.0.0.1 (port from argv[2], 0 = any free one) with the bucket named in
// argv[3], storing under argv[4]; prints "s3rver serving on 127.0.0.1:PORT" and runs until
// SIGTERM or SIGINT. Access key S3RVER, secret S3RVER (s3rver's fixed credentials).
import S3rver from 's3rver';

const [, , port = '0', bucket = 'fastcms', directory = '.'] = process.argv;
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
  // Virtual-host style requests name the bucket in the host: BUCKET.s3.localhost:PORT
  // (curl resolves every *.localhost name to loopback).
  serviceEndpoint: 'localhost',
});
const { port: bound } = await server.run();
console.log(`s3rver serving on 127.0.0.1:${bound}`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
