-- wrk script for the soak's read scenario: POST /tools/search_customer {"query":"acme"} with an API key.
--   wrk -t2 -c16 -d10m -s rest-read.lua http://127.0.0.1:PORT/tools/search_customer -- KEY
-- wrk itself counts the non-2xx answers ("Non-2xx or 3xx responses"), which the soak reports as errors.
function init(args)
  wrk.method = "POST"
  wrk.body = '{"query":"acme"}'
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-API-Key"] = args[1]
end
