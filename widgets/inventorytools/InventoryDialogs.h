// Dialogs that create inventory (issue #5) through an InventoryCreator (the model that talks to
// the server): a box or a plate (name, schema with its size, barcode, parent location), and
// tubes filling a range of a box's positions in one task (names and barcodes from patterns).
// Each stays open while the server works (progress, Cancel), shows the server's refusals, and
// accepts once everything is created. Nothing is created unless all of it is.
#pragma once

#include "models/inventory/InventoryCreator.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace benchtop::widgets {

struct LocationChoice
{
    QString id; // empty: stored nowhere
    QString label;
};

class CreateStorageDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { Box, Plate };

    // `locations` are the parents to offer; `parentId` the one chosen at first.
    CreateStorageDialog(Kind kind, models::InventoryCreator *creator,
                        const QList<LocationChoice> &locations, const QString &parentId,
                        QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *schemaBox() const { return m_schema; }
    QLineEdit *barcodeEdit() const { return m_barcode; }
    QComboBox *parentBox() const { return m_parent; }
    QPushButton *createButton() const;
    QString errorText() const;
    // The created box or plate, after accept.
    QJsonObject createdResource() const { return m_created; }

Q_SIGNALS:
    void created(const QJsonObject &resource);

private:
    void fillSchemas();
    void create();
    void setBusy(bool busy);

    Kind m_kind;
    models::InventoryCreator *m_creator;
    QLineEdit *m_name;
    QComboBox *m_schema;
    QLabel *m_size;
    QLineEdit *m_barcode;
    QComboBox *m_parent;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPointer<models::CreateOperation> m_operation;
    QJsonObject m_created;
};

class CreateTubesDialog : public QDialog
{
    Q_OBJECT
public:
    // `storage` is the box (or matrix plate) as the store holds it; its grid comes from its
    // schema (loaded through the creator).
    CreateTubesDialog(models::InventoryCreator *creator, const QJsonObject &storage,
                      QWidget *parent = nullptr);

    QLineEdit *rangeEdit() const { return m_range; }
    QLineEdit *namePatternEdit() const { return m_namePattern; }
    QLineEdit *barcodePatternEdit() const { return m_barcodePattern; }
    QSpinBox *firstNumberBox() const { return m_first; }
    QComboBox *schemaBox() const { return m_schema; }
    QPushButton *createButton() const;
    QPushButton *cancelButton() const;
    QProgressBar *progressBar() const { return m_progress; }
    QListWidget *refusalList() const { return m_refusals; }
    QString previewText() const;
    QString errorText() const;
    // The tubes the fields describe now (empty when the range is not valid).
    QList<models::NewTube> tubes() const;
    models::CreateOperation *operation() const { return m_operation; }
    QJsonArray createdTubes() const { return m_created; }

Q_SIGNALS:
    void created(const QJsonArray &tubes);

private:
    void takeSchemas();
    void updatePreview();
    void create();
    void setBusy(bool busy);

    models::InventoryCreator *m_creator;
    QJsonObject m_storage;
    int m_rows = 0;
    int m_columns = 0;
    QLineEdit *m_range;
    QLineEdit *m_namePattern;
    QSpinBox *m_first;
    QLineEdit *m_barcodePattern;
    QComboBox *m_schema;
    QLabel *m_preview;
    QProgressBar *m_progress;
    QLabel *m_error;
    QListWidget *m_refusals;
    QDialogButtonBox *m_buttons;
    QPointer<models::CreateOperation> m_operation;
    QJsonArray m_created;
};

} // namespace benchtop::widgets
