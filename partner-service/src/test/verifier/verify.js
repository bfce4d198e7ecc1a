// Reads one JSON document per line on stdin: {secret, headers: {webhook-id, webhook-timestamp, webhook-signature}, body}
// and prints one line per input: "ok <webhook-id>" or "bad <webhook-id> <reason>". The library also rejects
// timestamps more than five minutes from now, as a receiver must.
const { Webhook } = require("standardwebhooks");
const readline = require("readline");

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (!line.trim()) return;
  const m = JSON.parse(line);
  try {
    new Webhook(m.secret).verify(m.body, m.headers);
    console.log("ok " + m.headers["webhook-id"]);
  } catch (e) {
    console.log("bad " + m.headers["webhook-id"] + " " + e.message);
  }
});
