#include "SequenceRepository.h"

#include "bio/ApiJson.h"
#include "models/api/ApiClient.h"
#include "models/api/ApiReply.h"
#include "models/api/TaskPoller.h"
#include "models/store/ResourceStore.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QtConcurrent>

namespace benchtop::models {

SequenceRepository::SequenceRepository(ApiClient *client, ResourceStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{}

QString SequenceRepository::collectionOf(const QString &id)
{
    if (id.startsWith(u"prtn_"))
        return QStringLiteral("/aa-sequences");
    if (id.startsWith(u"rna_") || id.startsWith(u"rseq_"))
        return QStringLiteral("/rna-sequences");
    return QStringLiteral("/dna-sequences");
}

QString SequenceRepository::collectionOf(bio::MoleculeKind kind)
{
    switch (kind) {
    case bio::MoleculeKind::Protein:
        return QStringLiteral("/aa-sequences");
    case bio::MoleculeKind::Rna:
        return QStringLiteral("/rna-sequences");
    case bio::MoleculeKind::Dna:
        break;
    }
    return QStringLiteral("/dna-sequences");
}

void SequenceRepository::open(const QString &id)
{
    ApiReply *reply = m_client->get(collectionOf(id) + u'/' + id, {}, this);
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        reply->deleteLater();
        if (!reply->ok()) {
            Q_EMIT failed(
                tr("Could not open the sequence: %1").arg(reply->error().displayMessage()));
            return;
        }
        const QJsonObject json = reply->json().object();
        m_store->upsert(json);
        // A genome's JSON holds thousands of annotations: map it off the GUI thread.
        auto *watcher = new QFutureWatcher<bio::ApiJsonResult>(this);
        connect(watcher, &QFutureWatcher<bio::ApiJsonResult>::finished, this, [=, this] {
            watcher->deleteLater();
            const bio::ApiJsonResult result = watcher->result();
            if (!result.ok() || result.records.isEmpty()) {
                Q_EMIT failed(tr("The server sent a sequence this app cannot read: %1")
                                  .arg(result.error ? result.error->toString() : QString()));
                return;
            }
            Q_EMIT opened(id, result.records.first(), json.value(u"modifiedAt").toString());
        });
        watcher->setFuture(QtConcurrent::run([json] { return bio::fromApiJson(json); }));
    });
}

QJsonObject SequenceRepository::patchBody(const bio::Record &record)
{
    const QJsonObject full = bio::toApiJson(record);
    QJsonObject body;
    for (const QString &key :
         {QStringLiteral("bases"), QStringLiteral("aminoAcids"), QStringLiteral("annotations"),
          QStringLiteral("primers"), QStringLiteral("translations"), QStringLiteral("isCircular")})
        if (full.contains(key))
            body.insert(key, full.value(key));
    if (record.kind == bio::MoleculeKind::Protein) {
        body.remove(QStringLiteral("primers"));
        body.remove(QStringLiteral("translations"));
        body.remove(QStringLiteral("isCircular"));
    }
    return body;
}

void SequenceRepository::save(const QString &id, const bio::Record &record,
                              const QString &openedModifiedAt, bool force)
{
    if (force)
        return patch(id, record);
    ApiReply *check = m_client->get(collectionOf(id) + u'/' + id, {}, this);
    connect(check, &ApiReply::finished, this, [=, this] {
        check->deleteLater();
        if (!check->ok()) {
            Q_EMIT failed(tr("Not saved: %1").arg(check->error().displayMessage()));
            return;
        }
        const QString now = check->json().object().value(u"modifiedAt").toString();
        if (!openedModifiedAt.isEmpty() && now != openedModifiedAt) {
            Q_EMIT conflict(id, now);
            return;
        }
        patch(id, record);
    });
}

void SequenceRepository::patch(const QString &id, const bio::Record &record)
{
    ApiReply *reply = m_client->patch(collectionOf(id) + u'/' + id, patchBody(record), this);
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        reply->deleteLater();
        if (!reply->ok()) {
            Q_EMIT failed(tr("Not saved: %1").arg(reply->error().displayMessage()));
            return;
        }
        const QJsonObject answer = reply->json().object();
        m_store->upsert(answer);
        Q_EMIT saved(id, answer.value(u"modifiedAt").toString());
    });
}

void SequenceRepository::import(const bio::Record &record, const QString &folderId)
{
    QJsonObject body = patchBody(record);
    body.insert(QStringLiteral("name"),
                record.name.isEmpty() ? tr("Imported sequence") : record.name);
    if (!folderId.isEmpty())
        body.insert(QStringLiteral("folderId"), folderId);
    ApiReply *reply = m_client->post(collectionOf(record.kind), body, this);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            Q_EMIT failed(tr("Not imported: %1").arg(reply->error().displayMessage()));
            return;
        }
        const QJsonObject answer = reply->json().object();
        m_store->upsert(answer);
        Q_EMIT imported(answer.value(u"id").toString());
    });
}

void SequenceRepository::listFeatureLibraries()
{
    ApiReply *reply = m_client->get(QStringLiteral("/feature-libraries"), {}, this);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            Q_EMIT failed(
                tr("Could not list feature libraries: %1").arg(reply->error().displayMessage()));
            return;
        }
        QStringList ids, names;
        for (const QJsonValue &library :
             reply->json().object().value(u"featureLibraries").toArray()) {
            ids << library[u"id"].toString();
            names << library[u"name"].toString();
        }
        Q_EMIT librariesListed(ids, names);
    });
}

void SequenceRepository::autoAnnotate(const QString &id, const QStringList &featureLibraryIds)
{
    const QString collection = collectionOf(id);
    const QString idsKey = collection == u"/aa-sequences"    ? QStringLiteral("aaSequenceIds")
                           : collection == u"/rna-sequences" ? QStringLiteral("rnaSequenceIds")
                                                             : QStringLiteral("dnaSequenceIds");
    ApiReply *reply = m_client->post(
        collection + u":auto-annotate",
        {{idsKey, QJsonArray{id}},
         {QStringLiteral("featureLibraryIds"), QJsonArray::fromStringList(featureLibraryIds)}},
        this);
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        reply->deleteLater();
        if (!reply->ok()) {
            Q_EMIT failed(tr("Auto-annotate failed: %1").arg(reply->error().displayMessage()));
            return;
        }
        TaskReply *task =
            m_client->waitForTask(reply->json().object().value(u"taskId").toString(), this);
        connect(task, &ApiReply::finished, this, [this, task, id] {
            task->deleteLater();
            if (!task->ok()) {
                Q_EMIT failed(tr("Auto-annotate failed: %1").arg(task->error().displayMessage()));
                return;
            }
            open(id);
        });
    });
}

} // namespace benchtop::models
