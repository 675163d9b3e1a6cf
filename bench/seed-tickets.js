// Seeds tickets over keep-alive connections (a curl per ticket spent more CPU starting processes than the
// suite spent making tickets). Used by bench/run:
//   node bench/seed-tickets.js BASE_URL TOKEN COUNT TAGS_OF_EVERY_THIRD TAGS_OF_THE_OTHERS
// Ticket i: channel email, customerId (i % 2000) + 1, tags (comma-separated ids) by i % 3.
// Exits non-zero when a ticket was refused.
const http = require('http');
const [base, token, count, everyThird, others] = process.argv.slice(2);
const total = Number(count);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const tags = list => list.split(',').filter(Boolean).map(Number);
let next = 1;
let refused = 0;

function create(i) {
  const body = JSON.stringify({
    channel: 'email', subject: `seed ${i}`, body: `<p>Customer message ${i}</p>`,
    customerId: (i % 2000) + 1, tags: tags(i % 3 === 0 ? everyThird : others),
  });
  return new Promise(resolve => {
    const request = http.request(`${base}/api/mind/ticket`, {
      method: 'POST', agent,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, response => {
      if (response.statusCode !== 200) refused++;
      response.resume();
      response.on('end', resolve);
    });
    request.on('error', () => { refused++; resolve(); });
    request.end(body);
  });
}

async function worker() {
  while (next <= total) await create(next++);
}

Promise.all(Array.from({ length: 8 }, worker)).then(() => {
  console.log(`${total - refused} of ${total} tickets made`);
  process.exit(refused ? 1 : 0);
});
