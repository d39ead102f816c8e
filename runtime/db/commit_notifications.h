#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

/// Transactional notifications, as PostgreSQL's NOTIFY/LISTEN: a message posted inside a
/// transaction reaches the listeners only once that transaction commits, and never when it
/// (or the savepoint it was posted in) rolls back. db/ does not look inside a payload; the
/// owner of a channel gives it its type (core/events does for record events).
namespace fastcms::db {

/// A notification's content: opaque here, typed by the channel's owner.
using NotifyPayload = std::shared_ptr<const void>;
/// A listener; called on the committing thread after the writer is released. It must be
/// quick (hand the payload to a queue) and must not throw.
using NotifyFn = std::function<void(const NotifyPayload&)>;
using ListenerId = std::uint64_t;
/// Work tied to the outcome of a transaction (e.g. removing files written for it when it
/// rolls back): called once, after the outermost transaction ended and the writer was
/// released, with `committed` true when the changes made before it was registered are
/// committed, false when the transaction or the savepoint it was registered in rolled
/// back. It must not throw (an exception is caught and dropped).
using TransactionHook = std::function<void(bool committed)>;

/// The listeners of a database, and the notifications and transaction hooks its open
/// transaction holds back.
/// Listener calls are thread-safe; the pending part is used only by the thread that holds
/// the writer (begin/post/savepoint/finish), as the database guarantees.
class CommitNotifications {
 public:
  ListenerId listen(std::string channel, NotifyFn fn);
  /// Removes the listener and waits for calls to it in flight on other threads, so its
  /// owner may be destroyed afterwards. A listener must not unlisten from inside its call.
  void unlisten(ListenerId id);
  /// Whether `channel` has a listener now (a poster may then skip building its payload).
  bool has_listeners(std::string_view channel);

  /// Outside a transaction: delivered at once. Inside: held in the innermost savepoint.
  void post(std::string_view channel, NotifyPayload payload, bool in_transaction);
  /// Outside a transaction: called at once with true. Inside: held in the innermost
  /// savepoint until the outermost level finishes.
  void add_hook(TransactionHook hook, bool in_transaction);
  /// A transaction began (depth 1) or a savepoint opened inside it.
  void open_level();
  /// The innermost level ended: its notifications and hooks are kept in its parent when
  /// `ok`; otherwise its notifications are dropped and its hooks will be called with false.
  void close_savepoint(bool ok);
  struct Pending {
    std::string channel;
    NotifyPayload payload;
  };
  /// What the end of a transaction delivers: the notifications (none unless committed) and
  /// each hook with its outcome.
  struct Finished {
    std::vector<Pending> notifications;
    std::vector<std::pair<TransactionHook, bool>> hooks;
  };
  /// The outermost level ended (`committed` or rolled back); returns what to deliver.
  Finished finish(bool committed);
  /// Calls the listeners of each notification in order, then the hooks in the order they
  /// were added.
  void deliver(const Finished& finished);

 private:
  std::mutex mutex_;
  /// Held shared while listeners run, so unlisten() returns only after every call in flight.
  std::shared_mutex calls_mutex_;
  ListenerId next_id_ = 1;
  std::map<ListenerId, std::pair<std::string, NotifyFn>> listeners_;
  struct Level {
    std::vector<Pending> pending;
    std::vector<TransactionHook> hooks;
  };
  void deliver_notifications(const std::vector<Pending>& pending);
  std::vector<Level> levels_;  ///< one per open transaction level
  /// Hooks of savepoints that rolled back inside the open transaction: called with false.
  std::vector<TransactionHook> rolled_back_hooks_;
};

}  // namespace fastcms::db
