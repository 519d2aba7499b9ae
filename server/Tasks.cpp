#include "Tasks.h"

#include "ApiError.h"
#include "Ids.h"
#include "Logging.h"
#include "storage/Database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QThreadPool>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace benchtop::server {

http::HttpResponse Tasks::start(const RequestContext &context, std::function<TaskOutcome()> work)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString now = timestampNow();
    QSqlQuery insert = m_db.exec(u"INSERT INTO tasks (id, status, creator_id, created_at, "
                                 "modified_at) VALUES (?, 'RUNNING', ?, ?, ?)"_s,
                                 {id, context.principal.userId, now, now});
    if (insert.lastError().isValid())
        return internalError();
    // If the request fails after this, its transaction (and this task row) is rolled back and
    // the work never starts.
    context.afterCommit.append([this, id, work = std::move(work)] {
        {
            QMutexLocker lock(&m_mutex);
            ++m_running;
        }
        m_pool.start([this, id, work] { run(id, work); });
    });
    return http::HttpResponse::json(202, QJsonDocument(QJsonObject{{u"taskId"_s, id}}));
}

void Tasks::run(const QString &id, const std::function<TaskOutcome()> &work)
{
    // The work and its SUCCEEDED status commit together, so a crash leaves either both or
    // neither; a task found RUNNING at start-up therefore saved nothing (recoverInterrupted).
    TaskOutcome outcome;
    const bool committed = m_db.transaction([&] {
        outcome = work();
        return outcome.succeeded && record(id, outcome);
    });
    if (!committed) {
        if (outcome.succeeded)
            outcome = TaskOutcome::failure(u"The task's changes could not be saved; nothing was "
                                           "changed. See the server log."_s);
        if (!m_db.transaction([&] { return record(id, outcome); }))
            qCWarning(lcServer) << "could not record the end of task" << id;
    }
    QMutexLocker lock(&m_mutex);
    if (--m_running == 0)
        m_idle.wakeAll();
}

bool Tasks::record(const QString &id, const TaskOutcome &outcome)
{
    const auto json = [](const auto &value) {
        return QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Compact));
    };
    return !m_db.exec(u"UPDATE tasks SET status = ?, message = ?, response = ?, errors = ?, "
                      "modified_at = ? WHERE id = ?"_s,
                      {outcome.succeeded ? u"SUCCEEDED"_s : u"FAILED"_s,
                       outcome.succeeded ? QVariant() : QVariant(outcome.message),
                       outcome.succeeded ? QVariant(json(outcome.response)) : QVariant(),
                       outcome.succeeded ? QVariant() : QVariant(json(outcome.errors)),
                       timestampNow(), id})
                .lastError()
                .isValid();
}

bool Tasks::recoverInterrupted()
{
    return !m_db.exec(u"UPDATE tasks SET status = 'FAILED', message = ?, errors = '[]', "
                      "modified_at = ? WHERE status = 'RUNNING'"_s,
                      {u"The server stopped while this task ran; nothing it did was saved. "
                       "Run it again."_s,
                       timestampNow()})
                .lastError()
                .isValid();
}

http::HttpResponse Tasks::get(const QString &id) const
{
    QSqlQuery row =
        m_db.exec(u"SELECT status, message, response, errors FROM tasks WHERE id = ?"_s, {id});
    if (row.lastError().isValid())
        return internalError();
    if (!row.next())
        return notFound(u"Task %1 was not found."_s.arg(id), id);
    QJsonObject task{{u"status"_s, row.value(0).toString()}};
    if (!row.value(1).isNull())
        task.insert(u"message"_s, row.value(1).toString());
    if (!row.value(2).isNull())
        task.insert(u"response"_s, QJsonDocument::fromJson(row.value(2).toByteArray()).object());
    if (!row.value(3).isNull())
        task.insert(u"errors"_s, QJsonDocument::fromJson(row.value(3).toByteArray()).array());
    return http::HttpResponse::json(200, QJsonDocument(task));
}

void Tasks::waitForIdle()
{
    QMutexLocker lock(&m_mutex);
    while (m_running > 0)
        m_idle.wait(&m_mutex);
}

void addTaskRoutes(Router &router, Tasks &tasks)
{
    router.add("GET", u"/api/v2/tasks/{task_id}"_s, [&tasks](const RequestContext &context) {
        return tasks.get(context.param(u"task_id"_s));
    });
}

} // namespace benchtop::server
