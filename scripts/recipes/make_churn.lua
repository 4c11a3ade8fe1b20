-- Writes a churn-like customer table for the recipes: numeric and text
-- columns, missing values, and few churners (about 1 in 7).
-- As a script: nightjar scripts/recipes/make_churn.lua [path] [rows] [seed]
-- As a module: require("make_churn").write(path, rows, seed)
local make_churn = {}

function make_churn.write(path, rows, seed)
  -- Standard normal draws, all at once, from nightjar's seeded generator.
  local noise = ml.Matrix.randn(rows, 6, {seed = seed}):totable()
  local uniform = ml.Matrix.rand(rows, 4, {seed = seed + 1}):totable()

  local plans = {"basic", "plus", "premium"}
  local regions = {"north", "south", "east", "west"}

  local out = assert(io.open(path, "w"))
  out:write("customer_id,tenure_months,monthly_charges,support_calls,",
            "usage_gb,plan,region,churned\n")
  local churners = 0
  for i = 1, rows do
    local z, u = noise[i], uniform[i]
    local tenure = math.max(1, math.floor(30 + 20 * z[1]))
    local plan = plans[1 + math.floor(u[1] * 3)]
    local region = regions[1 + math.floor(u[2] * 4)]
    local charges = 40 + 25 * (plan == "premium" and 2 or
                               plan == "plus" and 1 or 0) + 8 * z[2]
    local calls = math.max(0, math.floor(2 + 1.5 * z[3]))
    local usage = math.max(0, 50 + 30 * z[4])
    -- Churn is likelier for short tenure, many calls and the basic plan.
    local logit = -2.2 - 0.05 * (tenure - 30) + 0.45 * (calls - 2)
      + (plan == "basic" and 0.6 or 0) + 0.3 * z[5]
    local churned = u[3] < 1 / (1 + math.exp(-logit)) and 1 or 0
    churners = churners + churned
    -- About 3% of usage and charges are missing (empty fields).
    local usage_text = u[4] < 0.03 and "" or string.format("%.2f", usage)
    local charges_text = u[4] > 0.97 and "" or string.format("%.2f", charges)
    out:write(string.format("C%05d,%d,%s,%d,%s,%s,%s,%d\n", i, tenure,
                            charges_text, calls, usage_text, plan, region,
                            churned))
  end
  out:close()
  io.stderr:write(string.format("%s: %d customers, %d churned (%.1f%%)\n",
                                path, rows, churners, 100 * churners / rows))
end

-- Run as a script (not required as a module): write the file now.
if arg and arg[0] and arg[0]:match("make_churn%.lua$") then
  make_churn.write(arg[1] or "churn.csv", tonumber(arg[2]) or 5000,
                   tonumber(arg[3]) or 42)
end

return make_churn
