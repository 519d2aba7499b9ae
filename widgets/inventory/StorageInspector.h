// The inspector beside the grids: the selected tube, box or plate with its name, barcode, schema
// fields (editable; saved through the store), contents with concentrations, quantity, check-out
// state with Check out / Reserve / Check in (assignee and comment), Archive with a reason, and,
// for a tube holding a sequence, a button that asks the app to open it.
#pragma once

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace benchtop::models {
class InventoryActions;
class ResourceStore;
} // namespace benchtop::models

namespace benchtop::widgets {

class StorageInspector : public QWidget
{
    Q_OBJECT
public:
    StorageInspector(models::ResourceStore *store, models::InventoryActions *actions,
                     QWidget *parent = nullptr);

    void showItem(const QString &id);
    QString itemId() const { return m_id; }
    // Where the item is: its parent's name (its id until the store holds the parent) and, for a
    // tube in a box or plate, its position.
    QString locationText() const;
    QString messageText() const;
    QPushButton *openSequenceButton() const { return m_openSequence; }

Q_SIGNALS:
    void openSequenceRequested(const QString &sequenceId);

private:
    void refresh();
    void rebuildFields(const QJsonObject &resource);
    void save();
    QString sequenceId() const;

    models::ResourceStore *m_store;
    models::InventoryActions *m_actions;
    QString m_id;
    QLabel *m_title;
    QLineEdit *m_name;
    QLabel *m_barcode;
    QLabel *m_location;
    QString m_parentShown; // the parent named in m_location (refreshed when it changes)
    QFormLayout *m_fields;
    QList<std::pair<QString, QLineEdit *>> m_fieldEdits;
    QLabel *m_contents;
    QLabel *m_quantity;
    QLabel *m_status;
    QWidget *m_checkoutBox;
    QComboBox *m_assignee;
    QLineEdit *m_comment;
    QComboBox *m_archiveReason;
    QPushButton *m_archive;
    QPushButton *m_openSequence;
    QLabel *m_message;
};

} // namespace benchtop::widgets
