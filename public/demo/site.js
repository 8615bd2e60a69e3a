// The demo customer site: the language picked on /demo/settings.html, handed to the widget the way a
// site would, with a call queued on Rocket.Chat's snippet before the widget's script loads.
(function () {
  var language;
  try {
    language = localStorage.getItem('demo-site:language');
  } catch (e) {
    return;
  }
  if (!language) return;
  window.RocketChat = window.RocketChat || function (c) { window.RocketChat._.push(c); };
  window.RocketChat._ = window.RocketChat._ || [];
  window.RocketChat(function () { this.setLanguage(language); });
})();
