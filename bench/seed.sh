# Sourced by the bench scripts: seed_tickets BASE_URL TOKEN COUNT BODY creates COUNT tickets with
# BODY ("{}" in it is replaced by the ticket's number) and sets $first and $last to their id range.
seed_tickets() {
  local url=$1 token=$2 count=$3 body=$4
  echo "== seeding $count tickets"
  first=$(curl -sf "$url/api/mind/ticket" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "${body//\{\}/1}" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
  seq 2 "$count" | xargs -P 4 -I{} curl -sf -o /dev/null "$url/api/mind/ticket" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$body"
  last=$((first + count - 1))
}
