#include "BulkGetCoalescer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace benchtop::models {
namespace {

constexpr int kMaxIdsPerCall = 100; // the API's bulk-get limit

// Lets the coalescer make replies whose result it sets itself.
class CoalescedReply : public ApiReply
{
public:
    explicit CoalescedReply(QObject *parent)
        : ApiReply(parent)
    {}
    using ApiReply::finishWith;
};

void finish(const QPointer<ApiReply> &reply, const QJsonDocument &json)
{
    if (reply)
        static_cast<CoalescedReply *>(reply.data())->finishWith(json);
}

void finish(const QPointer<ApiReply> &reply, const ApiError &error)
{
    if (reply)
        static_cast<CoalescedReply *>(reply.data())->finishWith(error);
}

} // namespace

BulkGetCoalescer::BulkGetCoalescer(ApiClient *client)
    : QObject(client)
    , m_client(client)
{}

ApiReply *BulkGetCoalescer::get(const BulkCollection &collection, const QString &id, QObject *owner)
{
    auto *reply = new CoalescedReply(owner);
    Batch &batch = m_batches[collection.path];
    batch.collection = collection;
    batch.waiting.append({reply, id});
    if (!m_flushQueued) {
        m_flushQueued = true;
        // Runs after everything already queued in this turn of the event loop.
        QTimer::singleShot(0, this, &BulkGetCoalescer::flush);
    }
    return reply;
}

void BulkGetCoalescer::flush()
{
    m_flushQueued = false;
    const QHash<QString, Batch> batches = std::exchange(m_batches, {});
    for (const Batch &batch : batches) {
        QList<Waiting> chunk;
        QSet<QString> ids;
        for (const Waiting &waiting : batch.waiting) {
            if (!waiting.reply || waiting.reply->isFinished()) // deleted or aborted meanwhile
                continue;
            if (!ids.contains(waiting.id) && ids.size() == kMaxIdsPerCall) {
                send(batch.collection, chunk);
                chunk.clear();
                ids.clear();
            }
            ids.insert(waiting.id);
            chunk.append(waiting);
        }
        if (!chunk.isEmpty())
            send(batch.collection, chunk);
    }
}

void BulkGetCoalescer::send(const BulkCollection &collection, const QList<Waiting> &waiting)
{
    QStringList ids;
    for (const Waiting &one : waiting) {
        if (!ids.contains(one.id))
            ids.append(one.id);
    }
    if (ids.size() == 1) {
        sendOne(collection, waiting);
        return;
    }
    QUrlQuery query;
    query.addQueryItem(collection.idsKey, ids.join(u','));
    ApiReply *answer = m_client->get(collection.path + u":bulk-get"_s, query, this);
    connect(answer, &ApiReply::finished, this, [this, collection, waiting, answer] {
        answer->deleteLater();
        // Our server refuses a whole bulk-get that names an unknown id (400); ask one by one
        // then, so each caller learns about its own id.
        const int status = answer->error().httpStatus;
        if (!answer->ok() && (status == 400 || status == 404) &&
            answer->error().kind == ApiError::Kind::Api) {
            QHash<QString, QList<Waiting>> byId;
            for (const Waiting &one : waiting)
                byId[one.id].append(one);
            for (const QList<Waiting> &group : std::as_const(byId))
                sendOne(collection, group);
            return;
        }
        deliver(collection, waiting, answer);
    });
}

void BulkGetCoalescer::sendOne(const BulkCollection &collection, const QList<Waiting> &waiting)
{
    const QString id = waiting.first().id;
    ApiReply *answer = m_client->get(collection.path + u'/' + id, {}, this);
    connect(answer, &ApiReply::finished, this, [waiting, answer] {
        answer->deleteLater();
        for (const Waiting &one : waiting) {
            if (answer->ok())
                finish(one.reply, answer->json());
            else
                finish(one.reply, answer->error());
        }
    });
}

void BulkGetCoalescer::deliver(const BulkCollection &collection, const QList<Waiting> &waiting,
                               ApiReply *answer)
{
    if (!answer->ok()) {
        for (const Waiting &one : waiting)
            finish(one.reply, answer->error());
        return;
    }
    QHash<QString, QJsonObject> found;
    for (const QJsonValue &item : answer->json().object().value(collection.listKey).toArray())
        found.insert(item[u"id"_s].toString(), item.toObject());
    for (const Waiting &one : waiting) {
        const auto it = found.constFind(one.id);
        if (it != found.constEnd()) {
            finish(one.reply, QJsonDocument(*it));
            continue;
        }
        ApiError missing;
        missing.kind = ApiError::Kind::Api;
        missing.httpStatus = 404;
        missing.type = u"invalid_request_error"_s;
        missing.invalidId = one.id;
        missing.message = ApiError::tr("%1 was not found; it may have been deleted or you may "
                                       "not have access to it.")
                              .arg(one.id);
        finish(one.reply, missing);
    }
}

} // namespace benchtop::models
