// Creating inventory through the API (issue #5): boxes (POST /boxes), plates (POST /plates) and
// tubes filling a range of a box's positions in one go (POST /containers:bulk-create, one
// background task: the server saves all of them or none). Every creation is a CreateOperation
// that ends in succeeded() (the new resources are in the store) or failed() with the server's
// refusals, one line per refused item, named by its position when it has one.
//
// The pure helpers (ranges, name patterns) are static so dialogs can preview what will be made.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <optional>

namespace benchtop::models {

class ApiClient;
class ApiError;
class ApiReply;
class ResourceStore;
class TaskReply;

// One running creation. Deleting it (or cancel()) stops following it.
class CreateOperation : public QObject
{
    Q_OBJECT
public:
    explicit CreateOperation(QObject *parent = nullptr)
        : QObject(parent)
    {}

    bool isFinished() const { return m_finished; }
    bool isRunning() const { return !m_finished; }
    // What the server made (the created resources' JSON), after succeeded().
    const QJsonArray &created() const { return m_created; }
    QString errorMessage() const { return m_error; }
    // The server's refusals, one per refused item ("B3: position B3 of box … is taken").
    const QStringList &refusals() const { return m_refusals; }
    QString taskId() const { return m_taskId; }
    // Stops following the operation. A bulk task the server has already accepted runs on
    // there (it is all or nothing); the message says so.
    void cancel();

Q_SIGNALS:
    // The background task is still running (polls so far, ms since it started).
    void progress(int polls, qint64 elapsedMs);
    void succeeded(const QJsonArray &created);
    void failed(const QString &message, const QStringList &refusals);
    // After succeeded() or failed().
    void finished();

private:
    friend class InventoryCreator;
    void succeed(const QJsonArray &created);
    void fail(const QString &message, const QStringList &refusals = {});

    QJsonArray m_created;
    QString m_error;
    QStringList m_refusals;
    QString m_taskId;
    QPointer<ApiReply> m_reply;
    QStringList m_itemLabels; // item index -> what a refusal names it by
    bool m_finished = false;
};

struct NewBox
{
    QString name;
    QString schemaId;
    QString barcode;         // empty: none
    QString parentStorageId; // a location id; empty: stored nowhere
};

struct NewPlate
{
    QString name;
    QString schemaId; // a plate schema: 96 or 384, well or matrix
    QString barcode;
    QString parentStorageId;
};

struct NewTube
{
    QString position; // "B3"
    QString name;
    QString barcode; // empty: none
};

struct TubeFill
{
    QString storageId;         // the box (or matrix plate) to fill
    QString containerSchemaId; // the tubes' schema
    QStringList positions;     // in order
    QString namePattern;       // "Sample {n}"; {n}, {n:3} (zero-padded), {pos}
    QString barcodePattern;    // empty: no barcodes
    int firstNumber = 1;
};

class InventoryCreator : public QObject
{
    Q_OBJECT
public:
    InventoryCreator(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);

    // The positions of a rectangle "A1-C12" (or "A1–C12", "B3" alone) of a rows × columns grid,
    // row by row. Nothing, with *error set, when a corner is not a position of the grid.
    static std::optional<QStringList> positionsInRange(const QString &range, int rows, int columns,
                                                       QString *error);
    // "Sample {n}" with n = 7 -> "Sample 7"; "S-{n:4}" -> "S-0007"; "{pos}" -> the position.
    static QString applyPattern(const QString &pattern, int n, const QString &position);
    // The tubes a fill makes, in order.
    static QList<NewTube> tubesFor(const TubeFill &fill);

    CreateOperation *createBox(const NewBox &box, QObject *owner = nullptr);
    CreateOperation *createPlate(const NewPlate &plate, QObject *owner = nullptr);
    // One :bulk-create task for every tube (at most 1000, the server's limit per task).
    CreateOperation *createTubes(const QString &storageId, const QString &containerSchemaId,
                                 const QList<NewTube> &tubes, QObject *owner = nullptr);
    CreateOperation *createTubes(const TubeFill &fill, QObject *owner = nullptr)
    {
        return createTubes(fill.storageId, fill.containerSchemaId, tubesFor(fill), owner);
    }

    // Schemas by kind ("box", "plate", "container"), as listed by GET /{kind}-schemas.
    void loadSchemas();
    bool schemasLoaded() const { return m_schemasPending == 0 && m_schemasAsked; }
    QList<QJsonObject> schemas(const QString &kind) const { return m_schemas.value(kind); }
    QJsonObject schema(const QString &id) const;

Q_SIGNALS:
    void schemasReady();
    void schemasFailed(const QString &message);

private:
    CreateOperation *createOne(const QString &path, const QJsonObject &body, QObject *owner);
    void followTask(CreateOperation *operation, const QString &taskId);
    void explainTaskFailure(CreateOperation *operation, const ApiError &error);

    ApiClient *m_client;
    ResourceStore *m_store;
    QHash<QString, QList<QJsonObject>> m_schemas;
    int m_schemasPending = 0;
    bool m_schemasAsked = false;
};

} // namespace benchtop::models
