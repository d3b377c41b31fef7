// GOV.UK's accessible-autocomplete over the register's council filter. Without
// JavaScript the filter is a plain select of council names; with it, people type
// a name ("Lanc...") and choose. The server accepts a name or a GSS code either way.
const enhance = window.accessibleAutocomplete?.enhanceSelectElement;
if (enhance) {
  for (const select of document.querySelectorAll('select[data-module="app-council-autocomplete"]')) {
    enhance({
      selectElement: select,
      defaultValue: "",
      showAllValues: false,
      dropdownArrow: () => "",
    });
  }
}
