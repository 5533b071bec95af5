// ESLint for the pages' modules (scripts/lint-web.sh, run by scripts/test.sh): the recommended rules, and no HTML
// parsed from strings — neither through innerHTML and friends nor through Leaflet, which parses string content as HTML.
import js from '@eslint/js';
import globals from 'globals';
export default [
  js.configs.recommended,
  { files: ['wwwroot/js/**/*.js'], languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
    rules: {
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Build DOM nodes (textContent, append) instead of parsing HTML.' },
        { property: 'outerHTML', message: 'Build DOM nodes instead of parsing HTML.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM nodes instead of parsing HTML.' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name=/^(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)$/] > :matches(Literal, TemplateLiteral, BinaryExpression).arguments:first-child",
          message: 'Give Leaflet a DOM node, never a string: Leaflet parses strings as HTML.' }],
    } },
];
