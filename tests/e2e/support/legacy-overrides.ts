/**
 * What old libraries still found on live sites do to the built-ins, loaded
 * before Samtal on the legacy test page (issue 15, item 10). Each block is
 * written after the library's own code, reduced to what changes behaviour:
 *
 * - Prototype.js 1.3.1: `Object.prototype.extend`, an *enumerable* method on
 *   every object, so any `for…in` (ours or a library's) also walks `extend`
 *   and every `obj[key]` lookup of a key that is not own finds it. Ad and
 *   tag-manager scripts still ship such assignments. And a plain flag the
 *   same way (`Object.prototype.__legacy = 1`, the outside tester's page):
 *   code that turns each key into a getter throws on a value that is not a
 *   function.
 * - Prototype.js 1.6.1: `toJSON` on Array, String, Number and Date that
 *   return JSON *text*, so the native `JSON.stringify` encodes arrays and
 *   strings twice; `Object.toJSON`; its own `Function#bind`; Enumerable
 *   methods mixed into `Array.prototype`; `Element#remove` returning the element.
 * - MooTools 1.4 (compat): `Array.from` without a mapping function that wraps
 *   anything without a `length` (a Set) in an array; `Function#bind` that
 *   ignores call arguments when bound ones are given; `Array#contains`,
 *   `Array#each`, `Function#delay`, `String#contains`.
 * - json2.js-era `JSON.stringify`, which calls `toJSON` and walks own keys.
 * - An old Promises/A+ polyfill (no `finally`, `allSettled`, `any`) that
 *   replaces `window.Promise`, resolving on `setTimeout`.
 * - A monitoring script's `fetch` wrapper (as error trackers install).
 * - An element with `id="Samtal"` is in the page itself (named access).
 */
export const legacyOverrides = String.raw`
(function () {
  'use strict';
  var slice = Array.prototype.slice;
  function quote(text) {
    return '"' + String(text).replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
  }

  /* Prototype.js 1.3.1: plain assignment, so enumerable on every object */
  Object.prototype.extend = function (object) {
    for (var property in object) this[property] = object[property];
    return this;
  };
  Object.prototype.__legacy = 1;

  /* Prototype.js 1.6.1 */
  Object.toJSON = function (object) {
    var type = typeof object;
    if (type === 'undefined' || type === 'function') return undefined;
    if (object === null) return 'null';
    if (typeof object.toJSON === 'function') return object.toJSON();
    if (type === 'boolean') return object.toString();
    var results = [];
    for (var key in object) {
      var value = Object.toJSON(object[key]);
      if (value !== undefined) results.push(quote(key) + ': ' + value);
    }
    return '{' + results.join(', ') + '}';
  };
  Array.prototype.toJSON = function () {
    var results = [];
    for (var i = 0; i < this.length; i++) {
      var value = Object.toJSON(this[i]);
      if (value !== undefined) results.push(value);
    }
    return '[' + results.join(', ') + ']';
  };
  String.prototype.toJSON = function () { return quote(this); };
  Number.prototype.toJSON = function () { return isFinite(this) ? this.toString() : 'null'; };
  Date.prototype.toJSON = function () {
    return '"' + this.getUTCFullYear() + '-' + (this.getUTCMonth() + 1) + '-' + this.getUTCDate() + 'T' +
      this.getUTCHours() + ':' + this.getUTCMinutes() + ':' + this.getUTCSeconds() + 'Z"';
  };
  Function.prototype.bind = function (context) {
    var method = this, args = slice.call(arguments, 1);
    if (arguments.length < 2 && context === undefined) return this;
    return function () { return method.apply(context, args.concat(slice.call(arguments))); };
  };
  Array.prototype.each = function (iterator, context) {
    for (var i = 0; i < this.length; i++) iterator.call(context, this[i], i);
    return this;
  };
  Array.prototype.inject = function (memo, iterator) {
    this.each(function (value, index) { memo = iterator(memo, value, index); });
    return memo;
  };
  Array.prototype.pluck = function (property) {
    var results = [];
    this.each(function (value) { results.push(value[property]); });
    return results;
  };
  Array.prototype.first = function () { return this[0]; };
  Array.prototype.last = function () { return this[this.length - 1]; };
  Array.prototype.compact = function () { return this.filter(function (value) { return value != null; }); };
  Array.prototype.without = function () {
    var values = slice.call(arguments);
    return this.filter(function (value) { return values.indexOf(value) === -1; });
  };
  Array.prototype.inspect = function () { return '[' + this.join(', ') + ']'; };
  Element.prototype.remove = function () {
    if (this.parentNode) this.parentNode.removeChild(this);
    return this;
  };

  /* MooTools 1.4 (compat) */
  Array.from = function (item) {
    if (item == null) return [];
    var enumerable = typeof item.length === 'number' && typeof item !== 'string' && typeof item !== 'function';
    return enumerable ? (Array.isArray(item) ? item : slice.call(item)) : [item];
  };
  Function.prototype.bind = function (bind, args) {
    var self = this;
    if (args != null) args = Array.from(args);
    return function () { return self.apply(bind, args || arguments); };
  };
  Array.prototype.contains = function (item, from) { return this.indexOf(item, from) !== -1; };
  String.prototype.contains = function (string) { return String(this).indexOf(string) > -1; };
  Function.prototype.delay = function (delay, bind, args) {
    var self = this;
    return setTimeout(function () { return self.apply(bind, args == null ? [] : Array.from(args)); }, delay);
  };

  /* json2.js-era JSON.stringify: honours toJSON, so Prototype's strings come back quoted twice */
  JSON.stringify = function stringify(value) {
    if (value && typeof value.toJSON === 'function') value = value.toJSON();
    switch (typeof value) {
      case 'string': return quote(value);
      case 'number': return isFinite(value) ? String(value) : 'null';
      case 'boolean': return String(value);
      case 'undefined': case 'function': return undefined;
    }
    if (value === null) return 'null';
    var parts = [];
    for (var key in value) {
      if (Object.prototype.hasOwnProperty.call(value, key)) {
        var written = stringify(value[key]);
        if (written !== undefined) parts.push(quote(key) + ':' + written);
      }
    }
    return '{' + parts.join(',') + '}';
  };

  /* An old Promises/A+ polyfill */
  function LegacyPromise(executor) {
    var self = this;
    self.state = 'pending';
    self.handlers = [];
    function settle(state, value) {
      if (self.state !== 'pending') return;
      if (state === 'fulfilled' && value && (typeof value === 'object' || typeof value === 'function')) {
        var then;
        try { then = value.then; } catch (error) { return settle('rejected', error); }
        if (typeof then === 'function') {
          var called = false;
          try {
            then.call(value,
              function (next) { if (!called) { called = true; settle('fulfilled', next); } },
              function (reason) { if (!called) { called = true; settle('rejected', reason); } });
          } catch (error) { if (!called) settle('rejected', error); }
          return;
        }
      }
      self.state = state;
      self.value = value;
      setTimeout(function () { self.handlers.forEach(run); self.handlers = []; }, 0);
    }
    function run(handler) {
      var callback = self.state === 'fulfilled' ? handler.onFulfilled : handler.onRejected;
      if (typeof callback !== 'function') {
        (self.state === 'fulfilled' ? handler.resolve : handler.reject)(self.value);
        return;
      }
      try { handler.resolve(callback(self.value)); } catch (error) { handler.reject(error); }
    }
    self.run = run;
    try {
      executor(function (value) { settle('fulfilled', value); }, function (reason) { settle('rejected', reason); });
    } catch (error) { settle('rejected', error); }
  }
  LegacyPromise.prototype.then = function (onFulfilled, onRejected) {
    var self = this;
    return new LegacyPromise(function (resolve, reject) {
      var handler = { onFulfilled: onFulfilled, onRejected: onRejected, resolve: resolve, reject: reject };
      if (self.state === 'pending') self.handlers.push(handler);
      else setTimeout(function () { self.run(handler); }, 0);
    });
  };
  LegacyPromise.prototype['catch'] = function (onRejected) { return this.then(undefined, onRejected); };
  LegacyPromise.resolve = function (value) {
    return value instanceof LegacyPromise ? value : new LegacyPromise(function (resolve) { resolve(value); });
  };
  LegacyPromise.reject = function (reason) { return new LegacyPromise(function (_, reject) { reject(reason); }); };
  LegacyPromise.all = function (items) {
    return new LegacyPromise(function (resolve, reject) {
      var results = [], left = items.length;
      if (left === 0) resolve(results);
      items.forEach(function (item, index) {
        LegacyPromise.resolve(item).then(function (value) {
          results[index] = value;
          if (--left === 0) resolve(results);
        }, reject);
      });
    });
  };
  LegacyPromise.race = function (items) {
    return new LegacyPromise(function (resolve, reject) {
      items.forEach(function (item) { LegacyPromise.resolve(item).then(resolve, reject); });
    });
  };
  window.Promise = LegacyPromise;

  /* A monitoring script's fetch wrapper */
  var nativeFetch = window.fetch;
  window.__legacyFetches = 0;
  window.fetch = function () {
    window.__legacyFetches++;
    return nativeFetch.apply(window, arguments);
  };
})();
`;
