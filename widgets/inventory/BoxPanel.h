// One open box or plate: its name, where it is, how full, a colour-by choice (contents, schema,
// or any field the tubes shown carry), zoom and close, the grid, and an inline line for what just
// happened (a refused drop, a rolled back move).
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace benchtop::models {
class ApiClient;
class BoxContentsModel;
class InventoryMover;
class ResourceStore;
} // namespace benchtop::models

namespace benchtop::widgets {

class BoxGridView;

class BoxPanel : public QWidget
{
    Q_OBJECT
public:
    BoxPanel(models::ApiClient *client, models::ResourceStore *store, models::InventoryMover *mover,
             const QString &storageId, const QString &path, QWidget *parent = nullptr);

    QString storageId() const;
    models::BoxContentsModel *model() const { return m_model; }
    BoxGridView *grid() const { return m_grid; }
    QString messageText() const;
    void showMessage(const QString &message, bool error);
    // The fields offered in the colour-by choice: every field key of the tubes shown, sorted.
    QStringList colourFields() const { return m_fields; }
    // Colours by `field` (one of colourFields()); false when no tube shown has it.
    bool colourByField(const QString &field);
    // Makes tube `id`'s cell the current and only selected one, scrolled into view (the
    // inspector follows): at once when the grid holds it, else as soon as the box's contents
    // bring it. A later call, or a click in the grid, replaces a selection still waiting.
    void selectItem(const QString &id);
    QString pendingSelection() const { return m_pendingSelection; }

Q_SIGNALS:
    void closeRequested(benchtop::widgets::BoxPanel *panel);
    void itemSelected(const QString &id);

private:
    void refreshHeader();
    void refreshFieldChoices();
    void applyColourBy();
    void applyPendingSelection();

    models::ResourceStore *m_store;
    models::BoxContentsModel *m_model;
    BoxGridView *m_grid;
    QLabel *m_title;
    QLabel *m_path;
    QComboBox *m_colourBy;
    QLabel *m_message;
    QStringList m_fields;
    QString m_pendingSelection; // a tube to select once the grid shows it
};

} // namespace benchtop::widgets
