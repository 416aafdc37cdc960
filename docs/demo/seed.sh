#!/bin/sh
# Fills a data folder with a realistic shopper's memory through the command line, for
# screenshots and trying the app: contacts and consents from a backup (`data import`, which
# needs an empty folder), then wishlist items, orders, statuses and returns.
#   docs/demo/seed.sh DIR [ANPROBE]      (ANPROBE: the binary, default target/debug/anprobe)
set -eu
dir=$1
bin=${2:-target/debug/anprobe}
here=$(dirname "$0")
a() { "$bin" --data-dir "$dir" "$@"; }

a data import "$here/contacts-consents.json"

a wishlist add --retailer COS --sku 0987654-001 --name "Relaxed linen shirt" --size M \
  --colour sand --price 69 --date 2026-11-20 --note "wait for the sale" >/dev/null
a wishlist add --retailer Zalando --sku AR-4471 --name "Merino crew-neck jumper" --size L \
  --colour "bottle green" --price 89.95 --date 2026-11-16 >/dev/null
a wishlist add --retailer "Hessnatur" --sku 48211 --name "Organic cotton chinos" --size "32/34" \
  --colour navy --price 119 --date 2026-11-03 --note "compare with the COS trousers" >/dev/null

coat=$(a order add --retailer Zalando --order-no 10-4432-981 --sku ZA-C-2201 --name "Wool coat" \
  --size L --colour camel --price 189 --date 2026-11-08 --return-window-days 30)
a order add --retailer COS --order-no 7730215 --sku 1122334-002 --name "Wide-leg trousers" \
  --size 38 --colour black --price 89 --date 2026-11-02 --return-window-days 30 >/dev/null
a order add --retailer Zalando --order-no 10-4102-377 --sku ZA-T-0410 --name "Slim chinos" \
  --size "32/32" --colour olive --price 59.95 --date 2026-10-14 --return-window-days 30 >/dev/null
a order add --retailer Zalando --order-no 10-4388-120 --sku ZA-S-0988 --name "Oxford shirt" \
  --size M --colour white --price 39.95 --date 2026-11-19 --return-window-days 100 >/dev/null

# Item ids follow the orders above (one garment each): coat, trousers, chinos, shirt.
a order status --id 1 --status delivered
a order status --id 2 --status kept
a order return --id 3 --date 2026-10-20 --reason "Too tight at the thigh, legs too long" \
  --fit thigh=tight,inside_leg=long,waist=good
echo "seeded $dir (coat order id $coat)"
