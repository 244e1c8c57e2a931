import { roundTrip } from "./lib/support";
import { Company, models } from "./src/models";
roundTrip(models, async () => `stub: ${await Company.count()} companies`);
