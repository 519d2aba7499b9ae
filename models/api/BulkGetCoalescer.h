// Gathers the gets by id asked for within one event-loop turn and sends them as :bulk-get
// calls (at most 100 ids each), so a view that asks for 50 rows' parents makes one request,
// not 50. Each caller still gets a reply of its own.
#pragma once

#include "ApiClient.h"

#include <QHash>
#include <QList>

namespace benchtop::models {

class BulkGetCoalescer : public QObject
{
    Q_OBJECT
public:
    explicit BulkGetCoalescer(ApiClient *client);

    ApiReply *get(const BulkCollection &collection, const QString &id, QObject *owner);

private:
    struct Waiting
    {
        QPointer<ApiReply> reply;
        QString id;
    };
    struct Batch
    {
        BulkCollection collection;
        QList<Waiting> waiting;
    };

    void flush();
    void send(const BulkCollection &collection, const QList<Waiting> &waiting);
    void sendOne(const BulkCollection &collection, const QList<Waiting> &waiting);
    void deliver(const BulkCollection &collection, const QList<Waiting> &waiting, ApiReply *answer);

    ApiClient *m_client;
    QHash<QString, Batch> m_batches; // by collection path
    bool m_flushQueued = false;
};

} // namespace benchtop::models
