/** Pure scheduling rules the admin's template editor previews with (the server re-checks them). */
export {
  defaultTemplateBlocks,
  validateTemplate,
} from '../../functions/domain/scheduling/templates';
