#!/usr/bin/env python3
"""Writes N Standard Webhooks deliveries (unique webhook-ids) for wrk to replay: one line per request,
`id<TAB>timestamp<TAB>signature<TAB>body`. With --forge the signatures are made with the wrong key.

The events are Dodo payment.succeeded webhooks (the shape of ../shared/dodo-api/fixtures) for payments the store
does not know, so the processor does the real work of reading, matching and ignoring each one."""
import base64, hashlib, hmac, json, sys, time

count, secret, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
forge = "--forge" in sys.argv
key = base64.b64decode(secret.removeprefix("whsec_"))
if forge:
    key = b"not-the-store-secret-" + key
now = int(time.time())
with open(out, "w", encoding="utf-8") as f:
    for i in range(count):
        webhook_id = f"msg_bench_{now}_{i}"
        body = json.dumps({
            "business_id": "bus_bench",
            "type": "payment.succeeded",
            "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)),
            "data": {
                "payload_type": "Payment",
                "payment_id": f"pay_bench_{now}_{i}",
                "business_id": "bus_bench",
                "status": "succeeded",
                "total_amount": 4900,
                "currency": "USD",
                "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now)),
                "customer": {"customer_id": "cus_bench", "email": "bench@example.test", "name": "Bench"},
                "metadata": {},
            },
        }, separators=(",", ":"))
        signed = f"{webhook_id}.{now}.{body}".encode()
        signature = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        f.write(f"{webhook_id}\t{now}\tv1,{signature}\t{body}\n")
