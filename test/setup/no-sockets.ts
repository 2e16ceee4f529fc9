import net from 'node:net';

/*
 * The unit project is pure code: a test there that opens or connects a socket belongs in test/
 * (the integration project). This makes such a test fail with a message that says so.
 */
const refuse = (what: string) => () => {
  throw new Error(`unit tests must not ${what}; move this test under test/ (the integration project)`);
};
net.Server.prototype.listen = refuse('listen on a socket') as never;
net.Socket.prototype.connect = refuse('open a connection') as never;
