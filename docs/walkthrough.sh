#!/usr/bin/env bash
# A curl walk through the buy loop against a running server with demo data (npm start):
# search → quote → order (idempotent replay) → sandbox pay → ship → confirm → review → no-reason return → refund → reconciliation.
# Needs curl and jq. HAOWU_URL defaults to http://127.0.0.1:3000.
set -e
B=${HAOWU_URL:-http://127.0.0.1:3000}/api/v1
J='content-type: application/json'
login() { curl -s $B/auth/login/password -H "$J" -d "{\"phone\":\"$1\",\"password\":\"haowu123\"}" | jq -r .token; }
C=$(login 13800000001); M=$(login 13800000002); O=$(login 13800000003)
MID=$(curl -s $B/me -H "authorization: Bearer $M" | jq -r '.staff[0].merchantId')
echo "# search 保湿面霜 (top 3)"; curl -s "$B/products?q=%E4%BF%9D%E6%B9%BF%E9%9D%A2%E9%9C%9C&limit=3" | jq -c '.items[] | {title, minPrice}'
SKU=$(curl -s "$B/products?merchantId=$MID&limit=20" | jq -r '.items[0].id' | xargs -I{} curl -s $B/products/{} | jq -r '[.skus[] | select(.stock > 0)][0].id')
ADDR=$(curl -s $B/me/addresses -H "authorization: Bearer $C" | jq -r '.items[0].id')
QUOTE=$(curl -s $B/checkout/quote -H "$J" -H "authorization: Bearer $C" -d "{\"items\":[{\"skuId\":\"$SKU\",\"qty\":1}],\"addressId\":\"$ADDR\"}" | jq -r .amount)
echo "# quote payAmount=$QUOTE"
PLACED=$(curl -s $B/orders -H "$J" -H "authorization: Bearer $C" -H "idempotency-key: walk-1" -d "{\"items\":[{\"skuId\":\"$SKU\",\"qty\":1}],\"addressId\":\"$ADDR\",\"expectedAmount\":$QUOTE}")
CHK=$(echo "$PLACED" | jq -r .checkoutId); ORD=$(echo "$PLACED" | jq -r '.orders[0].id')
echo "# order placed: checkout=$CHK order=$ORD"
echo "# replay with same key → same checkout: $(curl -s $B/orders -H "$J" -H "authorization: Bearer $C" -H "idempotency-key: walk-1" -d "{\"items\":[{\"skuId\":\"$SKU\",\"qty\":1}],\"addressId\":\"$ADDR\",\"expectedAmount\":$QUOTE}" | jq -r .checkoutId)"
PAY=$(curl -s $B/payments -H "$J" -H "authorization: Bearer $C" -H "idempotency-key: walk-pay-1" -d "{\"checkoutId\":\"$CHK\"}" | jq -r .paymentId)
curl -s $B/sandbox/pay/$PAY -H "$J" -H "authorization: Bearer $C" -d '{"outcome":"succeeded"}' | jq -c .
sleep 2; echo "# after pay: $(curl -s $B/orders/$ORD -H "authorization: Bearer $C" | jq -c '{status}')"
curl -s $B/merchant/orders/$ORD/ship -H "$J" -H "authorization: Bearer $M" -d '{"carrier":"顺丰速运","trackingNo":"SF1234567890"}' | jq -c '{status}'
curl -s -X POST $B/orders/$ORD/confirm-receipt -H "$J" -H "authorization: Bearer $C" -d '{}' | jq -c '{status}'
LINE=$(curl -s $B/orders/$ORD -H "authorization: Bearer $C" | jq -r '.lines[0].id')
echo "# review"; curl -s $B/reviews -H "$J" -H "authorization: Bearer $C" -d "{\"orderLineId\":\"$LINE\",\"ratings\":{\"quality\":5,\"logistics\":5,\"service\":4},\"content\":\"质地清爽，保湿效果很好，会回购。\",\"images\":[],\"anonymous\":false}" | jq -c '{id, rating}'
echo "# no-reason return"; AS=$(curl -s $B/after-sales -H "$J" -H "authorization: Bearer $C" -d "{\"orderId\":\"$ORD\",\"lineId\":\"$LINE\",\"type\":\"return_refund\",\"qty\":1,\"reasonCode\":\"no_reason\",\"description\":\"不想要了\",\"images\":[]}")
echo "$AS" | jq -c '{id, status, amount}'; ASID=$(echo "$AS" | jq -r .id)
curl -s -X POST $B/merchant/after-sales/$ASID/approve -H "$J" -H "authorization: Bearer $M" -d '{}' | jq -c '{status}'
curl -s $B/after-sales/$ASID/return-shipment -H "$J" -H "authorization: Bearer $C" -d '{"carrier":"中通快递","trackingNo":"ZT9876543210"}' | jq -c '{status}'
curl -s -X POST $B/merchant/after-sales/$ASID/receive-return -H "$J" -H "authorization: Bearer $M" -d '{}' | jq -c '{status}'
sleep 3; echo "# refunds: $(curl -s $B/orders/$ORD/refunds -H "authorization: Bearer $C" | jq -c '[.items[] | {amount, status}]')"
echo "# order now: $(curl -s $B/orders/$ORD -H "authorization: Bearer $C" | jq -c '{status, refundedAmount}')"
echo "# reconciliation: $(curl -s $B/admin/reconciliation -H "authorization: Bearer $O" | jq -c '{ok, checks: [.checks[] | .ok] | length}')"
