// Builds the front end from the pinned npm packages into static/vendor/
// (git-ignored): our Sass over govuk-frontend, its JS and assets, Leaflet.
// Run by `npm run build` (scripts/setup does it); never hand-copy these files.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "src/sharedservices/static/vendor");
const nm = join(root, "node_modules");

mkdirSync(join(vendor, "govuk"), { recursive: true });
const css = sass.compile(join(root, "src/sharedservices/static_src/app.scss"), {
  loadPaths: [nm],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(vendor, "app.css"), css.css);
// Each script is copied with the source map it names (sourceMappingURL): the
// production static storage rewrites that reference and fails without the file.
for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(join(nm, "govuk-frontend/dist/govuk", file), join(vendor, "govuk", file));
}
cpSync(join(nm, "govuk-frontend/dist/govuk/assets"), join(vendor, "govuk/assets"), { recursive: true });
mkdirSync(join(vendor, "leaflet"), { recursive: true });
for (const file of ["leaflet.js", "leaflet.js.map"]) {
  cpSync(join(nm, "leaflet/dist", file), join(vendor, "leaflet", file));
}
cpSync(join(nm, "leaflet/dist/leaflet.css"), join(vendor, "leaflet/leaflet.css"));
cpSync(join(nm, "leaflet/dist/images"), join(vendor, "leaflet/images"), { recursive: true });
// GOV.UK's accessible-autocomplete (the register's council filter) and Swagger UI
// (the API docs at /api/v1/docs), served from here rather than a CDN.
mkdirSync(join(vendor, "autocomplete"), { recursive: true });
cpSync(join(nm, "accessible-autocomplete/dist/accessible-autocomplete.min.js"), join(vendor, "autocomplete/accessible-autocomplete.min.js"));
cpSync(join(nm, "accessible-autocomplete/dist/accessible-autocomplete.min.js.map"), join(vendor, "autocomplete/accessible-autocomplete.min.js.map"));
cpSync(join(nm, "accessible-autocomplete/dist/accessible-autocomplete.min.css"), join(vendor, "autocomplete/accessible-autocomplete.min.css"));
cpSync(join(nm, "accessible-autocomplete/dist/accessible-autocomplete.min.css.map"), join(vendor, "autocomplete/accessible-autocomplete.min.css.map"));
mkdirSync(join(vendor, "swagger-ui"), { recursive: true });
cpSync(join(nm, "swagger-ui-dist/swagger-ui-bundle.js"), join(vendor, "swagger-ui/swagger-ui-bundle.js"));
cpSync(join(nm, "swagger-ui-dist/swagger-ui-bundle.js.map"), join(vendor, "swagger-ui/swagger-ui-bundle.js.map"));
cpSync(join(nm, "swagger-ui-dist/swagger-ui.css"), join(vendor, "swagger-ui/swagger-ui.css"));
cpSync(join(nm, "swagger-ui-dist/swagger-ui.css.map"), join(vendor, "swagger-ui/swagger-ui.css.map"));
console.log(`front end built into ${vendor}`);
