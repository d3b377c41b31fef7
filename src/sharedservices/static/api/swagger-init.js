// Starts Swagger UI (from the locked swagger-ui-dist package) on the API docs page.
const config = JSON.parse(document.getElementById("swagger-settings").textContent);
const token = document.body.dataset.csrfToken;
config.dom_id = "#swagger-ui";
config.presets = [window.SwaggerUIBundle.presets.apis];
if (token) {
  config.requestInterceptor = (request) => {
    request.headers["X-CSRFToken"] = token;
    return request;
  };
}
window.SwaggerUIBundle(config);
