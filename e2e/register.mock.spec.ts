import { expect, test } from './fixtures';

test('a person registers an account on the mock homeserver', async ({ signup, checkA11y }) => {
  await signup.open();
  await checkA11y();

  await signup.register('Ana', 'correct horse battery staple');

  await expect(signup.successHeading).toBeFocused();
  await expect(signup.matrixId).toHaveText('@ana:localhost:8008');
  await checkA11y();
});

test('a taken username is reported on the username field, and the password is kept', async ({ signup }) => {
  await signup.open();
  await signup.register('alice', 'second password');

  await expect(signup.username).toBeFocused();
  await expect(signup.page.getByRole('alert')).toHaveText('Someone already has this username. Try another one.');
  await expect(signup.password).toHaveValue('second password');
});
