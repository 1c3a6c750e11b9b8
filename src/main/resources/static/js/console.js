/* The counselor console: live queue, taking conversations, chatting, files, ending. */
(function () {
  'use strict';
  var S = window.Samtal;
  var main = document.getElementById('main');
  var t = main.dataset;
  var csrf = {};
  csrf[t.csrfHeader] = t.csrfToken;

  var queueList = document.getElementById('queue');
  var queueEmpty = document.getElementById('queue-empty');
  var activeList = document.getElementById('active');
  var activeEmpty = document.getElementById('active-empty');
  var heading = document.getElementById('conversation-heading');
  var body = document.getElementById('conversation-body');
  var answers = document.getElementById('form-answers');
  var error = document.getElementById('send-error');
  var textarea = document.getElementById('text');
  var count = document.getElementById('count');
  var announcer = document.getElementById('announcer');
  var connectionStatus = document.getElementById('connection');
  var current = null;
  var unread = new Set();
  var queueTimer = null;
  var lastQueueSize = 0;

  var messages = new S.MessageList(document.getElementById('messages'), {
    mine: t.tYou, theirs: t.tVisitor,
    fileUrl: function (id) { return '/console/files/' + encodeURIComponent(current) + '/' + encodeURIComponent(id); }
  });

  function announce(text) {
    announcer.textContent = '';
    setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function showError(text) {
    error.textContent = text;
    error.hidden = !text;
  }

  function request(method, path, payload) {
    var options = { method: method, headers: Object.assign({ Accept: 'application/json' }, csrf), credentials: 'same-origin' };
    if (payload) { options.body = payload; }
    return fetch(path, options);
  }

  function problem(response) {
    return response.json().catch(function () { return { detail: response.statusText }; });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  /** The conversation id of the focused button in a list that is about to be redrawn, or null. */
  function focusedIn(list) {
    var focused = document.activeElement;
    return focused && list.contains(focused) ? focused.dataset.conversationId || null : null;
  }

  /** Gives the focus back after a redraw, to the same conversation's button, or else to the fallback. */
  function refocus(list, conversationId, fallback) {
    if (!conversationId) { return; }
    var again = list.querySelector('button[data-conversation-id="' + conversationId + '"]');
    if (!again && fallback.tabIndex < 0) { fallback.setAttribute('tabindex', '-1'); }
    (again || fallback).focus();
  }

  function refreshQueue() {
    request('GET', '/console/api/queue').then(function (response) {
      if (!response.ok) { return; }
      return response.json().then(function (queue) {
        var focused = focusedIn(queueList);
        queueList.textContent = '';
        queueEmpty.hidden = queue.length > 0;
        if (queue.length > lastQueueSize) { announce(t.tNewInQueue); }
        lastQueueSize = queue.length;
        queue.forEach(function (entry) {
          var item = element('li', 'queue-entry');
          item.appendChild(element('h3', null, entry.reception + ' · ' + t.tVisitor + ' ' + entry.handle));
          var meta = element('p', 'meta');
          meta.dataset.position = entry.position;
          meta.dataset.waitingSince = Date.now() - entry.waitingSeconds * 1000;
          showWaiting(meta);
          item.appendChild(meta);
          var form = Object.keys(entry.form || {});
          if (form.length) {
            var dl = element('dl', 'form-answers');
            form.forEach(function (name) {
              dl.appendChild(element('dt', null, name));
              dl.appendChild(element('dd', null, entry.form[name]));
            });
            item.appendChild(dl);
          }
          var first = element('p', 'first-message');
          first.appendChild(element('span', 'label', t.tFirst + ': '));
          first.appendChild(element('span', entry.firstMessage ? 'text' : 'text none', entry.firstMessage || t.tNoMessage));
          item.appendChild(first);
          var take = element('button', 'primary', t.tTake);
          take.type = 'button';
          take.setAttribute('aria-label', t.tTake + ': ' + t.tVisitor + ' ' + entry.handle);
          take.dataset.conversationId = entry.id;
          take.addEventListener('click', function () { takeConversation(entry.id); });
          item.appendChild(take);
          queueList.appendChild(item);
        });
        refocus(queueList, focused, document.getElementById('take-next'));
      });
    });
  }

  function showWaiting(meta) {
    var minutes = Math.floor((Date.now() - Number(meta.dataset.waitingSince)) / 60000);
    meta.textContent = S.format(t.tPosition, meta.dataset.position) + ' · ' + S.format(t.tWaiting, minutes);
  }

  // Waiting times tick here, without asking the server again (every fetch of the queue is an access-log entry).
  setInterval(function () {
    Array.prototype.forEach.call(queueList.querySelectorAll('.meta'), showWaiting);
  }, 30000);

  function scheduleQueueRefresh() {
    clearTimeout(queueTimer);
    queueTimer = setTimeout(refreshQueue, 150);
  }

  function refreshActive() {
    return request('GET', '/console/api/conversations').then(function (response) {
      if (!response.ok) { return; }
      return response.json().then(function (active) {
        var focused = focusedIn(activeList);
        activeList.textContent = '';
        activeEmpty.hidden = active.length > 0;
        active.forEach(function (conversation) {
          var item = element('li');
          var open = element('button', 'link' + (unread.has(conversation.id) ? ' unread' : ''),
            conversation.reception + ' · ' + t.tVisitor + ' ' + conversation.handle);
          open.type = 'button';
          open.dataset.conversationId = conversation.id;
          if (conversation.id === current) { open.setAttribute('aria-current', 'true'); }
          open.addEventListener('click', function () { openConversation(conversation.id); });
          item.appendChild(open);
          activeList.appendChild(item);
        });
        refocus(activeList, focused, document.getElementById('active-heading'));
      });
    });
  }

  function takeConversation(id) {
    request('POST', '/console/api/conversations/' + encodeURIComponent(id) + '/take').then(function (response) {
      if (response.ok) {
        refreshActive().then(function () { openConversation(id); });
      } else {
        problem(response).then(function (p) { announce(response.status === 409 ? t.tTaken : p.detail); });
      }
      refreshQueue();
    });
  }

  function openConversation(id) {
    return request('GET', '/console/api/conversations/' + encodeURIComponent(id)).then(function (response) {
      if (!response.ok) { return problem(response).then(function (p) { announce(p.detail); refreshActive(); }); }
      return response.json().then(function (conversation) {
        current = id;
        unread.delete(id);
        heading.textContent = S.format(t.tConversation, t.tVisitor + ' ' + conversation.handle)
          + ' (' + conversation.reception + ')';
        answers.textContent = '';
        Object.keys(conversation.form || {}).forEach(function (name) {
          answers.appendChild(element('dt', null, name));
          answers.appendChild(element('dd', null, conversation.form[name]));
        });
        messages.clear();
        conversation.messages.forEach(function (m) { messages.show(m, m.author === 'COUNSELOR', false); });
        body.hidden = false;
        document.getElementById('composer').hidden = false;
        document.getElementById('upload').hidden = false;
        document.getElementById('end').hidden = false;
        showError('');
        refreshActive();
        textarea.focus();
      });
    });
  }

  function conversationEnded(id, byVisitor) {
    unread.delete(id);
    if (id === current) {
      document.getElementById('composer').hidden = true;
      document.getElementById('upload').hidden = true;
      document.getElementById('end').hidden = true;
      messages.clear();
      answers.textContent = '';
      heading.textContent = byVisitor ? t.tVisitorEnded : t.tEnded;
      heading.setAttribute('tabindex', '-1');
      heading.focus();
      current = null;
    }
    announce(byVisitor ? t.tVisitorEnded : t.tEnded);
    refreshActive();
  }

  var connection = new S.ChatConnection({
    hello: function () { return { type: 'hello' }; },
    onState: function (state) { connectionStatus.textContent = state === 'offline' ? t.tOffline : ''; },
    onWelcome: function () {
      refreshQueue();
      refreshActive();
      if (current) { openConversation(current); }
    },
    onFrame: function (frame) {
      if (frame.type === 'queue') {
        scheduleQueueRefresh();
      } else if (frame.type === 'assigned') {
        refreshActive();
      } else if (frame.type === 'ack') {
        messages.markSent('COUNSELOR', frame.clientMessageId);
      } else if (frame.type === 'error') {
        if (frame.clientMessageId) { messages.remove('COUNSELOR', frame.clientMessageId); }
        showError(frame.code === 'message-too-long' ? S.format(t.tTooLong, S.characters(textarea.value))
          : frame.code === 'message-empty' ? t.tEmpty : frame.detail);
      } else if (frame.type === 'message') {
        if (frame.conversationId === current) {
          messages.show(frame.message, frame.message.author === 'COUNSELOR', false);
        } else if (frame.message.author === 'VISITOR') {
          unread.add(frame.conversationId);
          announce(t.tNewMessage);
          refreshActive();
        }
      } else if (frame.type === 'ended') {
        conversationEnded(frame.conversationId, frame.endedBy === 'VISITOR' || frame.endedBy === 'TIMEOUT');
      } else if (frame.type === 'account-closed') {
        // An admin closed this account: the session is over, and the login page says so.
        connection.close();
        window.location.assign('/login?closed');
      }
    }
  });

  S.composer({
    form: document.getElementById('composer'), textarea: textarea, count: count, showError: showError,
    texts: { empty: t.tEmpty, tooLong: t.tTooLong },
    send: function (text) {
      if (!current) { return false; }
      var id = connection.send(text, current);
      messages.show({ author: 'COUNSELOR', clientMessageId: id, text: text }, true, true);
    }
  });

  document.getElementById('upload').addEventListener('submit', function (event) {
    event.preventDefault();
    var input = document.getElementById('file');
    var file = input.files[0];
    if (!file || !current) { input.focus(); return; }
    if (file.size > S.MAX_FILE_BYTES) { showError(t.tFileTooLarge); return; }
    var form = new FormData();
    form.append('file', file);
    request('POST', '/console/api/conversations/' + encodeURIComponent(current) + '/files', form).then(function (response) {
      if (response.ok) {
        input.value = '';
        showError('');
        return response.json().then(function (m) { messages.show(m, true, false); });
      }
      return problem(response).then(function (p) { showError(p.detail); });
    });
  });

  document.getElementById('take-next').addEventListener('click', function () {
    request('POST', '/console/api/queue/take-next').then(function (response) {
      if (response.ok) {
        return response.json().then(function (taken) {
          refreshActive().then(function () { openConversation(taken.id); });
          refreshQueue();
        });
      }
      announce(t.tQueueEmpty);
    });
  });

  document.getElementById('end').addEventListener('click', function () {
    if (!current || !window.confirm(t.tEndConfirm)) { return; }
    var id = current;
    request('POST', '/console/api/conversations/' + encodeURIComponent(id) + '/end').then(function (response) {
      if (response.ok || response.status === 404) { conversationEnded(id, false); }
    });
  });

  connection.connect();
}());
