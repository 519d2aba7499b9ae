#include "NotebookJobs.h"

#include "models/api/TaskPoller.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {
QString md5Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex());
}
} // namespace

// ---- ExportJob --------------------------------------------------------------------------------

ExportJob::ExportJob(ApiClient *client, QString entryId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_entryId(std::move(entryId))
{}

void ExportJob::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_error = message;
    Q_EMIT finished(false);
}

void ExportJob::cancel()
{
    if (m_reply)
        m_reply->deleteLater();
    fail(tr("Export cancelled."));
}

void ExportJob::start()
{
    Q_EMIT progress(tr("Asking the server to export…"), 0);
    ApiReply *reply =
        m_client->post(u"/exports"_s, {{u"id"_s, m_entryId}, {u"format"_s, u"pdf"_s}}, this);
    m_reply = reply;
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            fail(reply->error().displayMessage());
            return;
        }
        const QString taskId = reply->json().object().value(u"taskId"_s).toString();
        TaskReply *task = m_client->waitForTask(taskId, this);
        m_reply = task;
        connect(task, &TaskReply::progress, this, [this](int polls, qint64) {
            Q_EMIT progress(tr("The server is rendering the PDF…"), polls);
        });
        connect(task, &ApiReply::finished, this, [this, task] {
            task->deleteLater();
            if (!task->ok()) {
                fail(task->error().displayMessage());
                return;
            }
            const QString url = task->json()
                                    .object()
                                    .value(u"response"_s)
                                    .toObject()
                                    .value(u"downloadURL"_s)
                                    .toString();
            if (url.isEmpty()) {
                fail(tr("The export finished without a download link."));
                return;
            }
            Q_EMIT progress(tr("Downloading the PDF…"), 0);
            // A pre-signed URL: it needs (and must not get) the API key.
            m_network = new QNetworkAccessManager(this);
            QNetworkRequest request{QUrl(url)};
            request.setTransferTimeout(m_client->connection().timeoutMs);
            QNetworkReply *download = m_network->get(request);
            connect(download, &QNetworkReply::finished, this, [this, download] {
                download->deleteLater();
                if (download->error() != QNetworkReply::NoError) {
                    fail(tr("Downloading the export failed: %1").arg(download->errorString()));
                    return;
                }
                m_pdf = download->readAll();
                m_done = true;
                Q_EMIT finished(true);
            });
        });
    });
}

// ---- BlobUpload -------------------------------------------------------------------------------

BlobUpload::BlobUpload(ApiClient *client, QString name, QByteArray data, QString mimeType,
                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_name(std::move(name))
    , m_data(std::move(data))
    , m_mimeType(mimeType.isEmpty()
                     ? QMimeDatabase().mimeTypeForFileNameAndData(m_name, m_data).name()
                     : std::move(mimeType))
{}

void BlobUpload::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_error = message;
    Q_EMIT finished(false);
}

void BlobUpload::cancel()
{
    if (m_reply)
        m_reply->deleteLater();
    if (!m_blobId.isEmpty() && !m_done)
        m_client->post(u"/blobs/%1:abort-upload"_s.arg(m_blobId), {});
    fail(tr("Upload cancelled."));
}

void BlobUpload::start()
{
    Q_EMIT progress(0, m_data.size());
    if (m_data.size() <= m_threshold) {
        ApiReply *reply = m_client->post(u"/blobs"_s,
                                         {{u"name"_s, m_name},
                                          {u"type"_s, u"RAW_FILE"_s},
                                          {u"mimeType"_s, m_mimeType},
                                          {u"data64"_s, QString::fromLatin1(m_data.toBase64())},
                                          {u"md5"_s, md5Hex(m_data)}},
                                         this);
        m_reply = reply;
        connect(reply, &ApiReply::finished, this, [this, reply] {
            reply->deleteLater();
            if (!reply->ok()) {
                fail(reply->error().displayMessage());
                return;
            }
            m_blobId = reply->json().object().value(u"id"_s).toString();
            m_done = true;
            Q_EMIT progress(m_data.size(), m_data.size());
            Q_EMIT finished(true);
        });
        return;
    }
    ApiReply *reply = m_client->post(
        u"/blobs:start-multipart-upload"_s,
        {{u"name"_s, m_name}, {u"type"_s, u"RAW_FILE"_s}, {u"mimeType"_s, m_mimeType}}, this);
    m_reply = reply;
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            fail(reply->error().displayMessage());
            return;
        }
        m_blobId = reply->json().object().value(u"id"_s).toString();
        sendPart(0);
    });
}

void BlobUpload::sendPart(int index)
{
    const qint64 offset = qint64(index) * kPartSize;
    if (offset >= m_data.size()) {
        complete();
        return;
    }
    const QByteArray part = m_data.mid(offset, kPartSize);
    // A part sent twice replaces itself on the server, so it is safe to repeat.
    ApiRequest request;
    request.method = "POST";
    request.path = u"/blobs/%1/parts"_s.arg(m_blobId);
    request.body = QJsonDocument(QJsonObject{{u"partNumber"_s, index + 1},
                                             {u"data64"_s, QString::fromLatin1(part.toBase64())},
                                             {u"md5"_s, md5Hex(part)}})
                       .toJson(QJsonDocument::Compact);
    request.idempotent = true;
    ApiReply *reply = m_client->send(request, this);
    m_reply = reply;
    connect(reply, &ApiReply::finished, this, [this, reply, index, offset, size = part.size()] {
        reply->deleteLater();
        if (!reply->ok()) {
            fail(reply->error().displayMessage());
            return;
        }
        m_parts.append(QJsonObject{{u"partNumber"_s, index + 1},
                                   {u"eTag"_s, reply->json().object().value(u"eTag"_s)}});
        Q_EMIT progress(offset + size, m_data.size());
        sendPart(index + 1);
    });
}

void BlobUpload::complete()
{
    ApiReply *reply =
        m_client->post(u"/blobs/%1:complete-upload"_s.arg(m_blobId), {{u"parts"_s, m_parts}}, this);
    m_reply = reply;
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            fail(reply->error().displayMessage());
            return;
        }
        m_done = true;
        Q_EMIT finished(true);
    });
}

// ---- FolderTreeModel --------------------------------------------------------------------------

FolderTreeModel::FolderTreeModel(ApiClient *client, QObject *parent)
    : QStandardItemModel(parent)
    , m_client(client)
{
    setHorizontalHeaderLabels({tr("Projects and folders")});
}

void FolderTreeModel::reload()
{
    for (const auto &reply : std::as_const(m_replies))
        if (reply)
            reply->deleteLater();
    m_replies.clear();
    m_projects = {};
    m_folders = {};
    m_state = LoadState::Loading;
    m_pending = 2;
    fetch(u"/projects"_s, u"projects"_s, {});
    fetch(u"/folders"_s, u"folders"_s, {});
}

void FolderTreeModel::fetch(const QString &path, const QString &listKey, const QString &token)
{
    QUrlQuery query;
    query.addQueryItem(u"pageSize"_s, u"100"_s);
    if (!token.isEmpty())
        query.addQueryItem(u"nextToken"_s, token);
    ApiReply *reply = m_client->get(path, query, this);
    m_replies.append(reply);
    connect(reply, &ApiReply::finished, this, [this, reply, path, listKey] {
        reply->deleteLater();
        if (m_state != LoadState::Loading)
            return;
        if (!reply->ok()) {
            m_state = LoadState::Failed;
            Q_EMIT loadFailed(reply->error().displayMessage());
            return;
        }
        const QJsonObject page = reply->json().object();
        QJsonArray &target = listKey == u"projects"_s ? m_projects : m_folders;
        for (const QJsonValue &item : page.value(listKey).toArray())
            target.append(item);
        const QString next = page.value(u"nextToken"_s).toString();
        if (!next.isEmpty()) {
            fetch(path, listKey, next);
            return;
        }
        if (--m_pending == 0)
            build();
    });
}

void FolderTreeModel::build()
{
    removeRows(0, rowCount());
    QHash<QString, QStandardItem *> items;
    const auto makeItem = [&items](const QJsonObject &json, const QString &kind, QIcon icon) {
        auto *item = new QStandardItem(icon, json.value(u"name"_s).toString());
        item->setEditable(false);
        item->setData(json.value(u"id"_s).toString(), IdRole);
        item->setData(json, ResourceRole);
        item->setData(kind, KindRole);
        items.insert(json.value(u"id"_s).toString(), item);
        return item;
    };
    for (const QJsonValue &project : std::as_const(m_projects)) {
        if (project.toObject().value(u"archiveRecord"_s).isObject())
            continue;
        appendRow(makeItem(project.toObject(), u"project"_s, {}));
    }
    QList<QJsonObject> folders;
    for (const QJsonValue &folder : std::as_const(m_folders))
        if (!folder.toObject().value(u"archiveRecord"_s).isObject())
            folders.append(folder.toObject());
    std::sort(folders.begin(), folders.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(u"name"_s).toString().localeAwareCompare(b.value(u"name"_s).toString()) < 0;
    });
    for (const QJsonObject &folder : folders)
        makeItem(folder, u"folder"_s, {});
    // Parent each folder under its parent folder, or its project (root folders).
    for (const QJsonObject &folder : folders) {
        QStandardItem *item = items.value(folder.value(u"id"_s).toString());
        QString parent = folder.value(u"parentFolderId"_s).toString();
        if (parent.isEmpty())
            parent = folder.value(u"projectId"_s).toString();
        if (QStandardItem *parentItem = items.value(parent))
            parentItem->appendRow(item);
        else
            appendRow(item);
    }
    m_state = LoadState::Loaded;
    Q_EMIT loaded();
}

QModelIndex FolderTreeModel::indexOfId(const QString &id) const
{
    const QModelIndexList found =
        match(index(0, 0), IdRole, id, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return found.value(0);
}

QStringList FolderTreeModel::folderIdsUnder(const QModelIndex &index) const
{
    QStringList ids;
    if (!index.isValid())
        return ids;
    if (index.data(KindRole).toString() == u"folder"_s)
        ids.append(index.data(IdRole).toString());
    for (int row = 0; row < rowCount(index); ++row)
        ids.append(folderIdsUnder(this->index(row, 0, index)));
    return ids;
}

} // namespace benchtop::models

namespace benchtop::models {

// ---- LinkNameResolver -------------------------------------------------------------------------

LinkNameResolver::LinkNameResolver(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

BulkCollection LinkNameResolver::collectionFor(const QString &type)
{
    static const QHash<QString, BulkCollection> collections{
        {u"dna_sequence"_s, {u"/dna-sequences"_s, u"dnaSequenceIds"_s, u"dnaSequences"_s}},
        {u"aa_sequence"_s, {u"/aa-sequences"_s, u"aaSequenceIds"_s, u"aaSequences"_s}},
        {u"container"_s, {u"/containers"_s, u"containerIds"_s, u"containers"_s}},
        {u"box"_s, {u"/boxes"_s, u"boxIds"_s, u"boxes"_s}},
        {u"plate"_s, {u"/plates"_s, u"plateIds"_s, u"plates"_s}},
        {u"location"_s, {u"/locations"_s, u"locationIds"_s, u"locations"_s}},
        {u"entry"_s, {u"/entries"_s, u"entryIds"_s, u"entries"_s}},
        {u"folder"_s, {u"/folders"_s, u"folderIds"_s, u"folders"_s}},
        {u"user"_s, {u"/users"_s, u"userIds"_s, u"users"_s}},
    };
    return collections.value(type);
}

void LinkNameResolver::resolve(const QJsonObject &link)
{
    const QString id = link.value(u"id"_s).toString();
    const BulkCollection collection = collectionFor(link.value(u"type"_s).toString());
    if (id.isEmpty() || collection.path.isEmpty() || m_asked.contains(id))
        return;
    m_asked.insert(id);
    ApiReply *reply = m_client->getById(collection, id, this);
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        reply->deleteLater();
        if (!reply->ok())
            return;
        QJsonObject json = reply->json().object();
        if (json.value(u"entry"_s).isObject()) // GET /entries/{id} wraps it (EntryById)
            json = json.value(u"entry"_s).toObject();
        const QString name = json.value(u"name"_s).toString();
        if (name.isEmpty())
            return;
        m_names.insert(id, name);
        Q_EMIT nameChanged(id);
    });
}

// ---- EntitySearch -----------------------------------------------------------------------------

EntitySearch::EntitySearch(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{}

void EntitySearch::search(const QString &text)
{
    for (const auto &reply : std::as_const(m_replies))
        if (reply)
            reply->deleteLater();
    m_replies.clear();
    m_results.clear();
    const QList<std::pair<QString, QString>> kinds{{u"dna_sequence"_s, u"/dna-sequences"_s},
                                                   {u"container"_s, u"/containers"_s},
                                                   {u"box"_s, u"/boxes"_s},
                                                   {u"plate"_s, u"/plates"_s}};
    m_pending = int(kinds.size());
    for (const auto &[type, path] : kinds) {
        QUrlQuery query;
        query.addQueryItem(u"pageSize"_s, u"5"_s);
        if (!text.trimmed().isEmpty())
            query.addQueryItem(u"nameIncludes"_s, text.trimmed());
        ApiReply *reply = m_client->get(path, query, this);
        m_replies.append(reply);
        const QString listKey = LinkNameResolver::collectionFor(type).listKey;
        connect(reply, &ApiReply::finished, this, [this, reply, type = type, listKey] {
            reply->deleteLater();
            if (reply->ok()) {
                for (const QJsonValue &item : reply->json().object().value(listKey).toArray())
                    m_results.append({{u"type"_s, type},
                                      {u"id"_s, item.toObject().value(u"id"_s)},
                                      {u"name"_s, item.toObject().value(u"name"_s)}});
            }
            if (--m_pending == 0)
                Q_EMIT finished();
        });
    }
}

// ---- FileDownload -----------------------------------------------------------------------------

FileDownload::FileDownload(ApiClient *client, QString entryId, QString fileId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_entryId(std::move(entryId))
    , m_fileId(std::move(fileId))
{}

void FileDownload::start()
{
    ApiReply *reply =
        m_client->get(u"/entries/%1/external-files/%2"_s.arg(m_entryId, m_fileId), {}, this);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            m_error = reply->error().displayMessage();
            Q_EMIT finished(false);
            return;
        }
        const QString url = reply->json()
                                .object()
                                .value(u"externalFile"_s)
                                .toObject()
                                .value(u"downloadURL"_s)
                                .toString();
        m_network = new QNetworkAccessManager(this);
        QNetworkRequest request{QUrl(url)};
        request.setTransferTimeout(m_client->connection().timeoutMs);
        QNetworkReply *download = m_network->get(request);
        connect(download, &QNetworkReply::finished, this, [this, download] {
            download->deleteLater();
            if (download->error() != QNetworkReply::NoError) {
                m_error = download->errorString();
                Q_EMIT finished(false);
                return;
            }
            m_data = download->readAll();
            Q_EMIT finished(true);
        });
    });
}

} // namespace benchtop::models
