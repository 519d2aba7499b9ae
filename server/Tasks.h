// Background tasks behind the API's "202 {taskId}" answers (bulk create/update, transfers,
// sequence searches). A task is recorded as RUNNING in the request's own transaction, so the
// id the client gets always exists; its work starts on the worker pool once that transaction
// has committed, in a write transaction of its own: all of it lands (SUCCEEDED, with the
// `response`) or none of it does (FAILED, with `message` and `errors`).
#pragma once

#include "Router.h"
#include "http/HttpTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QWaitCondition>

#include <functional>

class QThreadPool;

namespace benchtop::server {

class Database;

struct TaskOutcome
{
    bool succeeded = true;
    QJsonObject response;
    QString message;   // when failed
    QJsonArray errors; // when failed: one object per failed item ({index, message, ...})

    static TaskOutcome failure(QString message, QJsonArray errors = {})
    {
        return {false, {}, std::move(message), std::move(errors)};
    }
};

class Tasks
{
public:
    Tasks(Database &db, QThreadPool &pool)
        : m_db(db)
        , m_pool(pool)
    {}

    // Records the task and arranges for `work` to run after the request commits; answers
    // 202 {"taskId"}. `work` runs on a worker thread inside a write transaction.
    http::HttpResponse start(const RequestContext &context, std::function<TaskOutcome()> work);
    // GET /tasks/{id}.
    http::HttpResponse get(const QString &id) const;
    // Blocks until no task is running (server shutdown, tests).
    void waitForIdle();
    // At start-up: tasks left RUNNING by a server that died are FAILED (their work, committed
    // only with their status, was not saved).
    bool recoverInterrupted();

private:
    void run(const QString &id, const std::function<TaskOutcome()> &work);
    bool record(const QString &id, const TaskOutcome &outcome);

    Database &m_db;
    QThreadPool &m_pool;
    QMutex m_mutex;
    QWaitCondition m_idle;
    int m_running = 0;
};

void addTaskRoutes(Router &router, Tasks &tasks);

} // namespace benchtop::server
