// drizzle-kit's configuration for the benchmark. bench/compare.py points it at one generated
// schema and a fresh output directory per run through the environment, so every run is a first
// `drizzle-kit generate` (no earlier snapshot, nothing to diff against, no prompt).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: process.env.BENCH_DRIZZLE_SCHEMA ?? "./schema.ts",
  out: process.env.BENCH_DRIZZLE_OUT ?? "./drizzle",
});
