// Notebook work that outlives a click: exporting an entry to PDF through the API's export task
// (POST /exports, polled, then downloaded), uploading a file as a blob (one POST /blobs, or a
// multipart upload in 5 MiB parts for big files), and the folder tree of projects and folders.
#pragma once

#include "models/Roles.h"
#include "models/api/ApiClient.h"

#include <QJsonArray>
#include <QPointer>
#include <QSet>
#include <QStandardItemModel>

class QNetworkAccessManager;

namespace benchtop::models {

class TaskReply;

// POST /exports {id, format: "pdf"} → task → GET downloadURL → bytes.
class ExportJob : public QObject
{
    Q_OBJECT
public:
    ExportJob(ApiClient *client, QString entryId, QObject *parent = nullptr);
    void start();
    void cancel();
    QByteArray pdf() const { return m_pdf; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    // stage: what is happening, for a status line; polls counts task polls so far.
    void progress(const QString &stage, int polls);
    void finished(bool ok);

private:
    void fail(const QString &message);
    ApiClient *m_client;
    QString m_entryId;
    QPointer<ApiReply> m_reply;
    QNetworkAccessManager *m_network = nullptr;
    QByteArray m_pdf;
    QString m_error;
    bool m_done = false;
};

// A file to a completed blob. Small files (≤ multipartThreshold) in one POST /blobs; bigger ones
// with :start-multipart-upload, /parts and :complete-upload. Progress in bytes acknowledged.
class BlobUpload : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kPartSize = 5 * 1024 * 1024;
    BlobUpload(ApiClient *client, QString name, QByteArray data, QString mimeType = {},
               QObject *parent = nullptr);
    void setMultipartThreshold(qint64 bytes) { m_threshold = bytes; }
    void start();
    void cancel();
    QString blobId() const { return m_blobId; }
    QString name() const { return m_name; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(bool ok);

private:
    void sendPart(int index);
    void complete();
    void fail(const QString &message);

    ApiClient *m_client;
    QString m_name;
    QByteArray m_data;
    QString m_mimeType;
    qint64 m_threshold = 8 * 1024 * 1024;
    QString m_blobId;
    QJsonArray m_parts;
    QPointer<ApiReply> m_reply;
    QString m_error;
    bool m_done = false;
};

// Projects with their folders beneath (IdRole holds the project's or folder's id), loaded whole
// (GET /projects, GET /folders, every page): notebooks have tens of folders, not thousands.
class FolderTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum { KindRole = IdRole + 50 }; // "project" or "folder"
    FolderTreeModel(ApiClient *client, QObject *parent = nullptr);
    void reload();
    LoadState loadState() const { return m_state; }
    QModelIndex indexOfId(const QString &id) const;
    // Every folder id below (and including) a project or folder, for filtering entries.
    QStringList folderIdsUnder(const QModelIndex &index) const;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

private:
    void fetch(const QString &path, const QString &listKey, const QString &token);
    void build();
    ApiClient *m_client;
    QJsonArray m_projects;
    QJsonArray m_folders;
    int m_pending = 0;
    LoadState m_state = LoadState::NotLoaded;
    QList<QPointer<ApiReply>> m_replies;
};

} // namespace benchtop::models

namespace benchtop::models {

// Names of linked resources ({type, id}), asked for in batches (getById coalesces them into
// :bulk-get calls); nameChanged() as each arrives.
class LinkNameResolver : public QObject
{
    Q_OBJECT
public:
    explicit LinkNameResolver(ApiClient *client, QObject *parent = nullptr);
    void resolve(const QJsonObject &link);
    QString name(const QString &id) const { return m_names.value(id); }
    static BulkCollection collectionFor(const QString &type);

Q_SIGNALS:
    void nameChanged(const QString &id);

private:
    ApiClient *m_client;
    QHash<QString, QString> m_names;
    QSet<QString> m_asked;
};

// Finds linkable resources by name for "Insert link": DNA sequences, containers, boxes, plates
// (nameIncludes, five of each). results() after finished().
class EntitySearch : public QObject
{
    Q_OBJECT
public:
    explicit EntitySearch(ApiClient *client, QObject *parent = nullptr);
    void search(const QString &text);
    // Each: {type, id, name}.
    QList<QJsonObject> results() const { return m_results; }

Q_SIGNALS:
    void finished();

private:
    ApiClient *m_client;
    QList<QJsonObject> m_results;
    QList<QPointer<ApiReply>> m_replies;
    int m_pending = 0;
};

// An entry's attachment: GET /entries/{id}/external-files/{file} → downloadURL → bytes.
class FileDownload : public QObject
{
    Q_OBJECT
public:
    FileDownload(ApiClient *client, QString entryId, QString fileId, QObject *parent = nullptr);
    void start();
    QByteArray data() const { return m_data; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void finished(bool ok);

private:
    ApiClient *m_client;
    QString m_entryId;
    QString m_fileId;
    QNetworkAccessManager *m_network = nullptr;
    QByteArray m_data;
    QString m_error;
};

} // namespace benchtop::models
