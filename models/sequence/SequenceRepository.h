// Opens, saves and imports sequences through the API for the sequence editor (widgets never
// talk to the network). A sequence travels as the API's JSON (bio/ApiJson maps it to a Record);
// a save is one PATCH with bases, annotations, primers and translations together, so the
// server never holds half of an edit. Before saving, the repository reads the sequence again:
// if its modifiedAt moved since it was opened, someone else saved meanwhile and conflict() asks
// the user to reload or overwrite (save(..., force = true)).
#pragma once

#include "bio/Record.h"

#include <QObject>

namespace benchtop::models {

class ApiClient;
class ResourceStore;

class SequenceRepository : public QObject
{
    Q_OBJECT
public:
    SequenceRepository(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);

    // "/dna-sequences", "/rna-sequences" or "/aa-sequences" for an id or a record kind.
    static QString collectionOf(const QString &id);
    static QString collectionOf(bio::MoleculeKind kind);

    void open(const QString &id);
    void save(const QString &id, const bio::Record &record, const QString &openedModifiedAt,
              bool force = false);
    // Creates a sequence from a record (in `folderId` when given); imported(id) follows.
    void import(const bio::Record &record, const QString &folderId = {});
    // POST :auto-annotate with the given feature libraries, then opens the sequence again.
    void autoAnnotate(const QString &id, const QStringList &featureLibraryIds);
    // Lists feature libraries; librariesListed follows.
    void listFeatureLibraries();

    // The fields a save sends (exposed for tests).
    static QJsonObject patchBody(const bio::Record &record);

Q_SIGNALS:
    void opened(const QString &id, const benchtop::bio::Record &record, const QString &modifiedAt);
    void saved(const QString &id, const QString &modifiedAt);
    void conflict(const QString &id, const QString &serverModifiedAt);
    void imported(const QString &id);
    void librariesListed(const QStringList &ids, const QStringList &names);
    void failed(const QString &message);

private:
    void patch(const QString &id, const bio::Record &record);
    ApiClient *m_client;
    ResourceStore *m_store;
};

} // namespace benchtop::models
