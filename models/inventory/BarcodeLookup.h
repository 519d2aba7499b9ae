// Finds what a barcode or a name belongs to (issue #5, barcode search): a tube, a box, a plate
// or a location. A barcode is asked of all four collections at once (GET /containers?barcodes=,
// /boxes?barcodes=, /plates?barcodes=, /locations?barcodes=; barcodes are unique across kinds,
// so at most one answers with an item). When none has it and the text may be a name, the same
// collections are searched by name (nameIncludes). What is found goes into the store.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace benchtop::models {

class ApiClient;
class ApiReply;
class ResourceStore;

struct LookupHit
{
    QString kind;      // "container", "box", "plate" or "location"
    QString id;        // the thing found
    QString storageId; // where it is: a tube's box or plate, a box's location (may be empty)
    QString position;  // a tube's coordinate when the answer names it ("B3"), else empty
    QJsonObject resource;
};

class BarcodeLookup : public QObject
{
    Q_OBJECT
public:
    enum class Mode { BarcodeOnly, BarcodeThenName };

    BarcodeLookup(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);

    // Starts a lookup; one running before it is dropped.
    void lookup(const QString &text, Mode mode = Mode::BarcodeThenName);
    bool isBusy() const { return m_pending > 0; }
    QString lastText() const { return m_text; }

Q_SIGNALS:
    void found(const benchtop::models::LookupHit &hit);
    void notFound(const QString &text);
    void failed(const QString &message);

private:
    void ask(const QString &parameter);
    void onAnswer(ApiReply *reply, int order, const QString &kind, const QString &listKey);
    void settle();

    ApiClient *m_client;
    ResourceStore *m_store;
    QString m_text;
    Mode m_mode = Mode::BarcodeThenName;
    bool m_byName = false;
    int m_pending = 0;
    int m_generation = 0;
    QString m_error;
    QList<std::pair<int, LookupHit>> m_hits; // by kind order
};

} // namespace benchtop::models

Q_DECLARE_METATYPE(benchtop::models::LookupHit)
