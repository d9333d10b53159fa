// The content module's use-cases, as the routes call them (docs/CONTENT.md).

export {
  addLesson,
  createCourse,
  getCourse,
  getLesson,
  getMerchantCourse,
  listCourses,
  listMerchantCourses,
  myCourses,
  saveProgress,
} from './courses.ts';
export { buyCourse, myCreatorEarnings } from './purchase.ts';
