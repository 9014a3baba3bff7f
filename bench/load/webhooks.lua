-- Replays the deliveries written by signed_webhooks.py, each once, in order (wrk -t1: one Lua state).
local deliveries = {}
local next_index = 1

function init(args)
  for line in io.lines(args[1]) do
    local id, ts, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    deliveries[#deliveries + 1] = wrk.format("POST", "/webhooks/dodo", {
      ["Content-Type"] = "application/json",
      ["webhook-id"] = id,
      ["webhook-timestamp"] = ts,
      ["webhook-signature"] = sig,
    }, body)
  end
end

function request()
  local r = deliveries[next_index]
  if next_index < #deliveries then next_index = next_index + 1 end
  return r
end

dofile("report.lua")
